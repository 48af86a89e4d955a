using System.Buffers.Binary;

namespace NetProg.Transport;

/// <summary>
/// A source address as the hosts' per-address tables key it (the UDP server's rate limit and drop log, the TCP host's
/// connections per address, forward's UDP sessions per address): an IPv4 address whole (in its IPv4-mapped IPv6 form, ::ffff:a.b.c.d),
/// an IPv6 address by its /64, the smallest prefix a site is given (RFC 6177; RFC 4291 §2.5.4 interface identifiers are 64 bits),
/// so one host cannot become 2^64 sources by changing its interface identifier. Addresses under ::/64 (::1, IPv4-mapped) are kept
/// whole. A value: no allocation.
/// </summary>
public readonly record struct SourceKey(ulong High, ulong Low)
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

    /// <summary>
    /// True for 127.0.0.0/8 and ::1. Every 127/8 address is this machine (RFC 1122 §3.2.1.3; on Linux a local process can
    /// bind any of them), so a per-address bound on loopback stops no local user, who has 16 million source addresses.
    /// </summary>
    public bool IsLoopback => High == 0 && (Low == 1 || (Low & 0xFFFF_FFFF_FF00_0000UL) == (MappedPrefix | 0x7F00_0000UL));

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

    /// <summary>As <see cref="Slot(int)"/>, for a key paired with a reason (a drop's, a refusal's).</summary>
    public int Slot(int slots, int reason) => (int)((uint)HashCode.Combine(High, Low, reason) % (uint)slots);
}
