using System.Buffers.Binary;

namespace NetProg.Transport.Linux;

/// <summary>Reads a Linux <c>struct sockaddr_in</c> / <c>sockaddr_in6</c> (netinet/in.h) as returned by accept4() and getsockname().</summary>
internal static class SocketAddressText
{
    /// <summary>sizeof(struct sockaddr_in6) is 28; room for any IP address.</summary>
    public const int MaxLength = 32;

    public static IPEndPoint? Parse(ReadOnlySpan<byte> address)
    {
        if (address.Length < 8)
        {
            return null;
        }

        // sa_family is in host byte order, sin_port and the address in network order.
        var family = BitConverter.ToUInt16(address);
        var port = BinaryPrimitives.ReadUInt16BigEndian(address[2..]);
        switch (family)
        {
            case LibC.AF_INET:
                return new IPEndPoint(new IPAddress(address.Slice(4, 4)), port);
            case LibC.AF_INET6 when address.Length >= 28:
                var scope = BitConverter.ToUInt32(address[24..]);
                return new IPEndPoint(new IPAddress(address.Slice(8, 16), scope), port);
            default:
                return null;
        }
    }
}
