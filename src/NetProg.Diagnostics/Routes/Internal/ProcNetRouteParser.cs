using System.Buffers.Binary;
using System.Numerics;

namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>
/// Reads the Linux routing tables in /proc/net/route (net/ipv4/fib_trie.c fib_route_seq_show: the main table only)
/// and /proc/net/ipv6_route (net/ipv6/route.c ipv6_route_native_seq_show: every table, local routes included).
/// Pure text in, routes out, so it is tested on captured samples without a kernel.
/// </summary>
internal static class ProcNetRouteParser
{
    // Columns are separated by C isspace() characters, as net-tools route(8) reads these files with sscanf("%s ...").
    // Splitting on tab and space alone left a CR, VT or FF inside a column: fuzzing found interface names such as
    // "eth0\rff00..." (docs/FUZZING.md). The kernel prints only tabs and spaces, and no interface name holds whitespace.
    private static readonly char[] ColumnSeparators = [' ', '\t', '\n', '\v', '\f', '\r'];

    // include/uapi/linux/route.h and include/uapi/linux/ipv6_route.h.
    private const uint RtfUp = 0x0001;
    private const uint RtfGateway = 0x0002;
    private const uint RtfHost = 0x0004;
    private const uint RtfDynamic = 0x0010;
    private const uint RtfModified = 0x0020;
    private const uint RtfReject = 0x0200;
    private const uint RtfAddrconf = 0x00040000;
    private const uint RtfCache = 0x01000000;
    private const uint RtfLocal = 0x80000000;

    /// <summary>
    /// Parses /proc/net/route: "Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT".
    /// The kernel prints each __be32 address with "%08X" as a host-order integer, so on a little-endian machine
    /// 192.0.2.1 reads "010200C0": the bytes are recovered in the machine's own order.
    /// </summary>
    /// <param name="text">The whole file, header included.</param>
    /// <param name="littleEndian">The byte order of the machine that printed it (<see cref="BitConverter.IsLittleEndian"/>).</param>
    public static IReadOnlyList<RouteEntry> ParseIPv4(string text, bool littleEndian)
    {
        var routes = new List<RouteEntry>();
        foreach (var line in text.Split('\n'))
        {
            var c = line.Split(ColumnSeparators, StringSplitOptions.RemoveEmptyEntries);
            if (c.Length < 8
                || !TryHex(c[1], out var destination)
                || !TryHex(c[2], out var gateway)
                || !TryHex(c[3], out var flags)
                || !TryMetric(c[6], out var metric)
                || !TryHex(c[7], out var mask))
            {
                continue; // the header, or a line this parser does not understand
            }

            var maskBytes = ToBytes(mask, littleEndian);
            var prefix = BinaryPrimitives.ReadUInt32BigEndian(maskBytes);
            routes.Add(new RouteEntry(
                AddressFamily.InterNetwork,
                new IPAddress(ToBytes(destination, littleEndian)),
                BitOperations.PopCount(prefix),
                gateway == 0 ? null : new IPAddress(ToBytes(gateway, littleEndian)),
                c[0],
                metric,
                Letters(flags)));
        }

        return routes;
    }

    /// <summary>
    /// Parses /proc/net/ipv6_route: "dest destlen src srclen nexthop metric refcnt use flags iface", addresses as
    /// 32 hex digits in network order (printed with %pi6), lengths, metric and flags in hex.
    /// Rejected routes are left out: each table ends in the kernel's ip6_null_entry ("::/0 ... 00200200 lo", RTF_REJECT),
    /// which is not a way out and must not be shown as a default gateway (ip -6 route hides it too).
    /// </summary>
    public static IReadOnlyList<RouteEntry> ParseIPv6(string text)
    {
        var routes = new List<RouteEntry>();
        foreach (var line in text.Split('\n'))
        {
            var c = line.Split(ColumnSeparators, StringSplitOptions.RemoveEmptyEntries);
            if (c.Length < 10
                || !TryIPv6(c[0], out var destination)
                || !int.TryParse(c[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var prefix)
                // A hex int is two's complement: "80000000" reads as int.MinValue (found by fuzzing, docs/FUZZING.md).
                || prefix is < 0 or > 128
                || !TryIPv6(c[4], out var nextHop)
                || !TryHex(c[5], out var metric)
                || !TryHex(c[8], out var flags))
            {
                continue;
            }

            if ((flags & RtfReject) != 0)
            {
                continue;
            }

            routes.Add(new RouteEntry(
                AddressFamily.InterNetworkV6,
                destination,
                prefix,
                nextHop.Equals(IPAddress.IPv6Any) ? null : nextHop,
                c[9],
                // The kernel prints the 32-bit metric in hex; 0xFFFFFFFF would overflow an int.
                metric > int.MaxValue ? int.MaxValue : (int)metric,
                Letters(flags | (prefix == 128 ? RtfHost : 0))));
        }

        return routes;
    }

    // The letters of net-tools route(8) and netstat -r (lib/inet_gr.c, lib/inet6_gr.c), plus L for RTF_LOCAL.
    private static string Letters(uint flags)
    {
        var s = new StringBuilder();
        Append(s, flags, RtfUp, 'U');
        Append(s, flags, RtfGateway, 'G');
        Append(s, flags, RtfHost, 'H');
        Append(s, flags, RtfReject, '!');
        Append(s, flags, RtfDynamic, 'D');
        Append(s, flags, RtfModified, 'M');
        Append(s, flags, RtfAddrconf, 'A');
        Append(s, flags, RtfCache, 'C');
        Append(s, flags, RtfLocal, 'L');
        return s.ToString();
    }

    private static void Append(StringBuilder s, uint flags, uint flag, char letter)
    {
        if ((flags & flag) != 0)
        {
            s.Append(letter);
        }
    }

    private static byte[] ToBytes(uint value, bool littleEndian)
    {
        var bytes = new byte[4];
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }

        return bytes;
    }

    // The route's metric is the kernel's u32 fib_priority: after `ip route add 192.0.2.0/24 dev lo metric 4294967295`
    // /proc/net/route reads "4294967295" (checked in a network namespace, Linux 6.18). A signed "-1" is accepted too, in
    // case a kernel prints it with %d. Beyond int.MaxValue it is clamped like the IPv6 metric; it used to fail int
    // parsing and drop the whole route.
    private static bool TryMetric(string s, out int metric)
    {
        metric = 0;
        if (uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
        {
            metric = unsigned > int.MaxValue ? int.MaxValue : (int)unsigned;
            return true;
        }

        if (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) && signed < 0)
        {
            metric = int.MaxValue;
            return true;
        }

        return false;
    }

    private static bool TryHex(string s, out uint value) =>
        uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    private static bool TryIPv6(string hex, out IPAddress address)
    {
        address = IPAddress.IPv6Any;
        if (hex.Length != 32)
        {
            return false;
        }

        try
        {
            address = new IPAddress(Convert.FromHexString(hex));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
