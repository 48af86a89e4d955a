using System.Buffers.Binary;

namespace NetProg.Transport.Udp;

/// <summary>
/// A source address as the UDP server's tables key it: an IPv4 address whole (in its IPv4-mapped IPv6 form, ::ffff:a.b.c.d),
/// an IPv6 address by its /64, the smallest prefix a site is given (RFC 6177; RFC 4291 §2.5.4 interface identifiers are 64 bits),
/// so one host cannot become 2^64 sources by changing its interface identifier. Addresses under ::/64 (::1, IPv4-mapped) are kept
/// whole. A value: no allocation.
/// </summary>
internal readonly record struct SourceKey(ulong High, ulong Low)
{
    private const ulong MappedPrefix = 0xFFFF_0000_0000UL;

    public static SourceKey Of(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _); // Not GetAddressBytes(): an array per datagram.
            return new SourceKey(0, MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        address.TryWriteBytes(bytes, out _);
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        return high == 0 ? new SourceKey(0, BinaryPrimitives.ReadUInt64BigEndian(bytes[8..])) : new SourceKey(high, 0);
    }

    /// <summary>The full 128-bit value of <paramref name="address"/> (IPv4 as IPv4-mapped), for prefix matching.</summary>
    public static (ulong High, ulong Low) Bits(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return (0, MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        address.TryWriteBytes(bytes, out _);
        return (BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>A slot index from a hash seeded per process (<see cref="HashCode"/>), so a sender cannot aim collisions.</summary>
    public int Slot(int slots) => (int)((uint)HashCode.Combine(High, Low) % (uint)slots);

    /// <summary>As <see cref="Slot"/>, for a key paired with a drop reason.</summary>
    public int Slot(int slots, UdpDropReason reason) => (int)((uint)HashCode.Combine(High, Low, (int)reason) % (uint)slots);
}
