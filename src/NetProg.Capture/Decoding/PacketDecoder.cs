using System.Buffers.Binary;
using PacketDotNet;
using ProtocolType = PacketDotNet.ProtocolType;

namespace NetProg.Capture.Decoding;

/// <summary>
/// Turns a captured frame into a <see cref="DecodedPacket"/>: PacketDotNet reads the link layer (Ethernet on Linux
/// <c>lo</c>, BSD null on macOS <c>lo0</c>, Linux cooked v1/v2 on <c>any</c>, raw IP) and the IP, TCP and UDP headers; the
/// ICMP error's quoted datagram is read here, because its ports say which UDP socket was missing. Frames that carry no IP
/// (ARP, LLDP) give null. Never throws on malformed bytes: a capture shows whatever the wire had.
/// </summary>
public static class PacketDecoder
{
    public static DecodedPacket? Decode(CapturedFrame frame)
    {
        if (!IpHeaderCheck.IsSound(frame.LinkType, frame.Data))
        {
            return null; // PacketDotNet would recurse on it without end
        }

        IPPacket? ip;
        try
        {
            ip = Packet.ParsePacket(frame.LinkType, frame.Data)?.Extract<IPPacket>();
        }
        catch (Exception e) when (IsMalformedInput(e))
        {
            return null; // a truncated or malformed frame
        }

        if (ip is null)
        {
            return null;
        }

        try
        {
            return Decode(frame, ip);
        }
        catch (Exception e) when (IsMalformedInput(e))
        {
            return null;
        }
    }

    private static DecodedPacket Decode(CapturedFrame frame, IPPacket ip)
    {
        var protocol = (int)ip.Protocol;
        switch (ip.PayloadPacket)
        {
            case TcpPacket tcp:
                return new DecodedPacket(
                    frame.Timestamp,
                    new Endpoint(ip.SourceAddress, tcp.SourcePort),
                    new Endpoint(ip.DestinationAddress, tcp.DestinationPort),
                    TransportKind.Tcp,
                    protocol,
                    (TcpFlags)(tcp.Flags & 0xFF),
                    tcp.SequenceNumber,
                    tcp.AcknowledgmentNumber,
                    tcp.WindowSize,
                    tcp.PayloadData ?? [],
                    null,
                    frame.OriginalLength)
                {
                    TcpOptions = Options(tcp),
                };
            case UdpPacket udp:
                return new DecodedPacket(
                    frame.Timestamp,
                    new Endpoint(ip.SourceAddress, udp.SourcePort),
                    new Endpoint(ip.DestinationAddress, udp.DestinationPort),
                    TransportKind.Udp,
                    protocol,
                    TcpFlags.None,
                    0,
                    0,
                    0,
                    udp.PayloadData ?? [],
                    null,
                    frame.OriginalLength);
        }

        var transport = ip.Protocol switch
        {
            ProtocolType.Icmp => TransportKind.Icmp,
            ProtocolType.IcmpV6 => TransportKind.IcmpV6,
            _ => TransportKind.Other,
        };
        var bytes = ip.PayloadPacket?.Bytes ?? ip.PayloadData ?? [];
        var icmp = transport is TransportKind.Icmp or TransportKind.IcmpV6 ? ReadIcmp(bytes, transport == TransportKind.IcmpV6) : null;
        return new DecodedPacket(
            frame.Timestamp,
            new Endpoint(ip.SourceAddress, null),
            new Endpoint(ip.DestinationAddress, null),
            transport,
            protocol,
            TcpFlags.None,
            0,
            0,
            0,
            transport == TransportKind.Other ? bytes : ReadOnlyMemory<byte>.Empty,
            icmp,
            frame.OriginalLength);
    }

    /// <summary>
    /// The TCP options' bytes, or none when PacketDotNet cannot read them: its Options getter throws OverflowException on a
    /// data offset beyond the segment and NotImplementedException when the urgent pointer is set (found by fuzzing). The
    /// segment itself is still shown.
    /// </summary>
    private static byte[] Options(TcpPacket tcp)
    {
        try
        {
            return tcp.Options ?? [];
        }
        catch (Exception e) when (IsMalformedInput(e))
        {
            return [];
        }
    }

    /// <summary>
    /// What PacketDotNet throws on bytes it cannot read. Fuzzing found ArgumentException, IndexOutOfRangeException,
    /// OverflowException, NotImplementedException, EndOfStreamException (radiotap fields) and InvalidOperationException, and
    /// its parsers are many: any exception but running out of memory means "this frame is malformed", never "stop".
    /// </summary>
    private static bool IsMalformedInput(Exception e) => e is not OutOfMemoryException;

    /// <summary>Type, code and, for an error message, the quoted datagram's protocol, addresses and ports.</summary>
    internal static IcmpMessage? ReadIcmp(ReadOnlySpan<byte> icmp, bool isV6)
    {
        if (icmp.Length < 4)
        {
            return null;
        }

        int type = icmp[0], code = icmp[1];

        // Error messages: ICMPv4 3 (unreachable), 4, 5, 11, 12; ICMPv6 types below 128 (RFC 4443 section 2.1).
        var isError = isV6 ? type < 128 : type is 3 or 4 or 5 or 11 or 12;
        if (!isError || icmp.Length < 8)
        {
            return new IcmpMessage(isV6, type, code, null, null, null);
        }

        var quoted = icmp[8..];
        TransportKind? transport = null;
        Endpoint? source = null, destination = null;
        if (!isV6 && quoted.Length >= 20 && quoted[0] >> 4 == 4)
        {
            var headerLength = (quoted[0] & 0x0F) * 4;
            var next = quoted[9];
            var from = new IPAddress(quoted.Slice(12, 4));
            var to = new IPAddress(quoted.Slice(16, 4));
            (transport, source, destination) = Ports(next, from, to, quoted.Length >= headerLength + 4 ? quoted[headerLength..] : default);
        }
        else if (isV6 && quoted.Length >= 40 && quoted[0] >> 4 == 6)
        {
            var next = quoted[6];
            var from = new IPAddress(quoted.Slice(8, 16));
            var to = new IPAddress(quoted.Slice(24, 16));
            (transport, source, destination) = Ports(next, from, to, quoted.Length >= 44 ? quoted[40..] : default);
        }

        return new IcmpMessage(isV6, type, code, transport, source, destination);
    }

    private static (TransportKind?, Endpoint, Endpoint) Ports(byte protocol, IPAddress from, IPAddress to, ReadOnlySpan<byte> transportHeader)
    {
        TransportKind? transport = protocol switch
        {
            6 => TransportKind.Tcp,
            17 => TransportKind.Udp,
            _ => null,
        };
        if (transport is null || transportHeader.Length < 4)
        {
            return (transport, new Endpoint(from, null), new Endpoint(to, null));
        }

        return (transport,
            new Endpoint(from, BinaryPrimitives.ReadUInt16BigEndian(transportHeader)),
            new Endpoint(to, BinaryPrimitives.ReadUInt16BigEndian(transportHeader[2..])));
    }
}
