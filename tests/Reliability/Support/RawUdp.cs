using System.Buffers.Binary;

namespace NetProg.Reliability.Tests.Support;

/// <summary>
/// Sends a UDP datagram with any source port — 0, or the port another program holds — through a raw socket (root only):
/// the kernel writes the IP header, this writes the UDP header (RFC 768) with checksum 0, "no checksum" over IPv4.
/// </summary>
public static class RawUdp
{
    public static void Send(IPAddress source, int sourcePort, IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
        raw.Bind(new IPEndPoint(source, 0));
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(0), (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram.AsSpan(8));
        // For a raw socket the "port" of the destination is ignored (raw(7)); the UDP header above carries it.
        raw.SendTo(datagram, new IPEndPoint(destination.Address, 0));
    }
}
