using System.Buffers.Binary;

namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>
/// Decodes the MIB_IPFORWARD_TABLE2 that GetIpForwardTable2 returns (netioapi.h, Windows Vista and later): a ULONG
/// row count, padding to the rows' 8-byte alignment (NET_LUID is a ULONG64), then MIB_IPFORWARD_ROW2 rows. Pure
/// bytes in, routes out, so it is tested on hand-made buffers on any OS.
/// </summary>
internal static class IpForwardTableParser
{
    /// <summary>Where the first row starts: NumEntries, then 4 bytes of padding.</summary>
    public const int HeaderSize = 8;

    /// <summary>
    /// sizeof(MIB_IPFORWARD_ROW2) on x64 and arm64: InterfaceLuid 0 (8), InterfaceIndex 8, DestinationPrefix 12
    /// (SOCKADDR_INET 28 + PrefixLength at 40, padded to 32), NextHop 44 (28), SitePrefixLength 72, ValidLifetime 76,
    /// PreferredLifetime 80, Metric 84, Protocol 88, Loopback/AutoconfigureAddress/Publish/Immortal 92-95, Age 96,
    /// Origin 100.
    /// </summary>
    public const int RowSize = 104;

    // ADDRESS_FAMILY values in SOCKADDR_INET.si_family (ws2def.h).
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 23;

    private const int InterfaceIndexOffset = 8;
    private const int DestinationOffset = 12;
    private const int PrefixLengthOffset = 40;
    private const int NextHopOffset = 44;
    private const int MetricOffset = 84;

    /// <summary>
    /// sizeof(MIB_IPINTERFACE_ROW) (netioapi.h): Family 0, InterfaceLuid 8, InterfaceIndex 16, ..., ZoneIndices[16] 80,
    /// SitePrefixLength 144, Metric 148, NlMtu 152, ..., DisableDefaultRoutes 166, padded to 168.
    /// </summary>
    public const int InterfaceRowSize = 168;

    private const int InterfaceRowIndexOffset = 16;
    private const int InterfaceRowMetricOffset = 148;

    /// <summary>
    /// The metric of each (InterfaceIndex, family) in a MIB_IPINTERFACE_TABLE from GetIpInterfaceTable: Windows adds it
    /// to a route's own metric for the metric it routes by ("Automatic metric for IPv4 routes", learn.microsoft.com).
    /// </summary>
    public static IReadOnlyDictionary<(int Index, AddressFamily Family), int> ParseInterfaceMetrics(ReadOnlySpan<byte> table)
    {
        var metrics = new Dictionary<(int Index, AddressFamily Family), int>();
        if (table.Length < 4)
        {
            return metrics;
        }

        var count = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(table), (uint)(Math.Max(0, table.Length - HeaderSize) / InterfaceRowSize));
        for (var i = 0; i < count; i++)
        {
            var row = table.Slice(HeaderSize + (i * InterfaceRowSize), InterfaceRowSize);
            var family = BinaryPrimitives.ReadUInt16LittleEndian(row);
            if (family != AfInet && family != AfInet6)
            {
                continue;
            }

            var index = (int)BinaryPrimitives.ReadUInt32LittleEndian(row[InterfaceRowIndexOffset..]);
            var metric = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(row[InterfaceRowMetricOffset..]), int.MaxValue);
            metrics[(index, family == AfInet ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6)] = metric;
        }

        return metrics;
    }

    /// <summary>IPv4 routes, then IPv6 routes, each in the table's order; rows of another family are skipped.</summary>
    /// <param name="table">The table as copied out of the OS: NumEntries, then the rows.</param>
    /// <param name="interfaceName">Names an InterfaceIndex for the given family (the index alone when unknown).</param>
    /// <param name="interfaceMetric">The interface's metric for an InterfaceIndex and family, added to the route's own as
    /// Windows does for the effective metric that <c>route print</c> shows; 0 when unknown.</param>
    public static IReadOnlyList<RouteEntry> Parse(ReadOnlySpan<byte> table, Func<int, AddressFamily, string> interfaceName, Func<int, AddressFamily, int> interfaceMetric)
    {
        if (table.Length < 4)
        {
            return [];
        }

        // The count comes from the OS, but never read past the bytes that were copied.
        var count = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(table), (uint)(Math.Max(0, table.Length - HeaderSize) / RowSize));
        var ipv4 = new List<RouteEntry>();
        var ipv6 = new List<RouteEntry>();
        for (var i = 0; i < count; i++)
        {
            var row = table.Slice(HeaderSize + (i * RowSize), RowSize);
            var family = BinaryPrimitives.ReadUInt16LittleEndian(row[DestinationOffset..]);
            if (family != AfInet && family != AfInet6)
            {
                continue;
            }

            var addressFamily = family == AfInet ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            var hostLength = family == AfInet ? 32 : 128;
            var prefix = row[PrefixLengthOffset];
            if (prefix > hostLength)
            {
                continue;
            }

            var index = (int)BinaryPrimitives.ReadUInt32LittleEndian(row[InterfaceIndexOffset..]);
            var destination = Address(row[DestinationOffset..], family);
            var nextHop = Address(row[NextHopOffset..], family);

            // An unspecified next hop (0.0.0.0, ::) is what route print shows as On-link.
            var gateway = nextHop.Equals(IPAddress.Any) || nextHop.Equals(IPAddress.IPv6Any) ? null : nextHop;
            var metric = (long)BinaryPrimitives.ReadUInt32LittleEndian(row[MetricOffset..]) + interfaceMetric(index, addressFamily);
            var entry = new RouteEntry(
                addressFamily, destination, prefix, gateway, interfaceName(index, addressFamily), (int)Math.Min(metric, int.MaxValue), Flags(gateway, prefix, hostLength));
            (family == AfInet ? ipv4 : ipv6).Add(entry);
        }

        return [.. ipv4, .. ipv6];
    }

    // SOCKADDR_IN: family, port, in_addr at 4. SOCKADDR_IN6: family, port, flowinfo, in6_addr at 8, scope id at 24
    // (left out: RouteEntry's addresses carry no zone, like the other readers').
    private static IPAddress Address(ReadOnlySpan<byte> sockaddr, ushort family) =>
        family == AfInet ? new IPAddress(sockaddr.Slice(4, 4)) : new IPAddress(sockaddr.Slice(8, 16));

    // Windows has no route flags; derive them as the route print reader does.
    private static string Flags(IPAddress? gateway, int prefix, int hostLength) =>
        "U" + (gateway is null ? string.Empty : "G") + (prefix == hostLength ? "H" : string.Empty);
}
