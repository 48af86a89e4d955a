using System.Buffers.Binary;

namespace NetProg.Diagnostics;

public static partial class LocalAddresses
{
    // IPv4 special-purpose blocks (IANA registry, RFC 6890), as miniupnpc's addr_is_reserved.c lists them.
    // First match wins; an address in none of them is Public.
    private static readonly (uint Network, int Length, AddressScope Scope)[] IPv4Blocks =
    [
        (0x7F000000, 8, AddressScope.Loopback),     // 127.0.0.0/8, RFC 1122
        (0xA9FE0000, 16, AddressScope.LinkLocal),   // 169.254.0.0/16, RFC 3927
        (0x0A000000, 8, AddressScope.Private),      // 10.0.0.0/8, RFC 1918
        (0xAC100000, 12, AddressScope.Private),     // 172.16.0.0/12, RFC 1918
        (0xC0A80000, 16, AddressScope.Private),     // 192.168.0.0/16, RFC 1918
        (0x64400000, 10, AddressScope.SharedCgnat), // 100.64.0.0/10, RFC 6598
        (0x00000000, 8, AddressScope.Other),        // 0.0.0.0/8 "this network", RFC 1122
        (0xC0000000, 24, AddressScope.Other),       // 192.0.0.0/24 IETF protocol assignments, RFC 6890
        (0xC0000200, 24, AddressScope.Other),       // 192.0.2.0/24 TEST-NET-1, RFC 5737
        (0xC6120000, 15, AddressScope.Other),       // 198.18.0.0/15 benchmarking, RFC 2544
        (0xC6336400, 24, AddressScope.Other),       // 198.51.100.0/24 TEST-NET-2, RFC 5737
        (0xCB007100, 24, AddressScope.Other),       // 203.0.113.0/24 TEST-NET-3, RFC 5737
        (0xE0000000, 4, AddressScope.Other),        // 224.0.0.0/4 multicast, RFC 5771
        (0xF0000000, 4, AddressScope.Other),        // 240.0.0.0/4 reserved, and 255.255.255.255 broadcast
    ];

    /// <summary>
    /// Classifies an address by the special-purpose ranges it falls in (see <see cref="AddressScope"/>).
    /// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are classified as the IPv4 address they carry.
    /// IPv6: ::1 Loopback, fe80::/10 LinkLocal, fc00::/7 Private, 2000::/3 Public except 2001:db8::/32
    /// (documentation, RFC 3849), everything else (::, ff00::/8 multicast, the deprecated fec0::/10) Other.
    /// </summary>
    public static AddressScope Classify(IPAddress a)
    {
        if (a.IsIPv4MappedToIPv6)
        {
            a = a.MapToIPv4();
        }

        return a.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyIPv4(a),
            AddressFamily.InterNetworkV6 => ClassifyIPv6(a),
            _ => AddressScope.Other,
        };
    }

    private static AddressScope ClassifyIPv4(IPAddress a)
    {
        Span<byte> bytes = stackalloc byte[4];
        _ = a.TryWriteBytes(bytes, out _);
        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        foreach (var (network, length, scope) in IPv4Blocks)
        {
            var mask = uint.MaxValue << (32 - length);
            if ((value & mask) == network)
            {
                return scope;
            }
        }

        return AddressScope.Public;
    }

    private static AddressScope ClassifyIPv6(IPAddress a)
    {
        if (a.Equals(IPAddress.IPv6Loopback))
        {
            return AddressScope.Loopback;
        }

        Span<byte> bytes = stackalloc byte[16];
        _ = a.TryWriteBytes(bytes, out _);

        if (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80)
        {
            return AddressScope.LinkLocal; // fe80::/10, RFC 4291 section 2.5.6
        }

        if ((bytes[0] & 0xFE) == 0xFC)
        {
            return AddressScope.Private; // fc00::/7 unique local, RFC 4193
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8)
        {
            return AddressScope.Other; // 2001:db8::/32 documentation, RFC 3849
        }

        return (bytes[0] & 0xE0) == 0x20 ? AddressScope.Public : AddressScope.Other; // 2000::/3 global unicast
    }
}
