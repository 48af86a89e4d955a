using System.Buffers.Binary;
using NetProg.Diagnostics.Routes;
using NetProg.Diagnostics.Routes.Internal;

namespace NetProg.Diagnostics.Tests.Routes;

public sealed class IpForwardTableParserTests
{
    private static readonly Func<int, AddressFamily, string> Names = (index, _) => index switch { 1 => "Loopback Pseudo-Interface 1", 4 => "eth0", 12 => "Wi-Fi", _ => index.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static readonly Func<int, AddressFamily, int> NoInterfaceMetric = (_, _) => 0;

    [Fact]
    public void Should_read_the_rows_wine_returned_despite_junk_in_their_padding()
    {
        // Given the two rows GetIpForwardTable2 returned under Wine (TestData/README.md), behind a NumEntries header.
        var rows = RouteTestData.Read("getipforwardtable2-wine.hex").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var table = new byte[IpForwardTableParser.HeaderSize + (rows.Length * IpForwardTableParser.RowSize)];
        BinaryPrimitives.WriteUInt32LittleEndian(table, (uint)rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Convert.FromHexString(rows[i]).CopyTo(table, IpForwardTableParser.HeaderSize + (i * IpForwardTableParser.RowSize));
        }

        var routes = IpForwardTableParser.Parse(table, Names, NoInterfaceMetric);

        Assert.Equal(
            [
                new RouteEntry(AddressFamily.InterNetwork, IPAddress.Any, 0, IPAddress.Parse("192.0.2.1"), "eth0", 0, "UG"),
                new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("192.0.2.0"), 24, null, "eth0", 0, "U"),
            ],
            routes);
    }

    [Fact]
    public void Should_put_ipv4_before_ipv6_and_add_the_interface_metric_as_route_print_does()
    {
        // Given Windows' usual loopback and Wi-Fi routes, IPv6 first in the table, and an interface metric of 25 on Wi-Fi.
        var table = Table(
            Row6(12, IPAddress.IPv6Any, 0, IPAddress.Parse("fe80::1"), 256),
            Row6(1, IPAddress.IPv6Loopback, 128, IPAddress.IPv6Any, 256),
            Row4(1, IPAddress.Parse("127.0.0.0"), 8, IPAddress.Any, 256),
            Row4(12, IPAddress.Any, 0, IPAddress.Parse("192.168.1.1"), 0));

        var routes = IpForwardTableParser.Parse(table, Names, (index, _) => index == 12 ? 25 : 75);

        Assert.Equal(
            [
                new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("127.0.0.0"), 8, null, "Loopback Pseudo-Interface 1", 331, "U"),
                new RouteEntry(AddressFamily.InterNetwork, IPAddress.Any, 0, IPAddress.Parse("192.168.1.1"), "Wi-Fi", 25, "UG"),
                new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.IPv6Any, 0, IPAddress.Parse("fe80::1"), "Wi-Fi", 281, "UG"),
                new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.IPv6Loopback, 128, null, "Loopback Pseudo-Interface 1", 331, "UH"),
            ],
            routes);
    }

    [Fact]
    public void Should_skip_rows_of_another_family_or_an_impossible_prefix_and_never_read_past_the_buffer()
    {
        var unknownFamily = Row4(4, IPAddress.Any, 0, IPAddress.Any, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(unknownFamily.AsSpan(12), 0);
        var longPrefix = Row4(4, IPAddress.Any, 33, IPAddress.Any, 0);
        var table = Table(unknownFamily, longPrefix, Row4(4, IPAddress.Parse("10.0.0.0"), 8, IPAddress.Any, 5));

        // When the header claims a million rows and the last row is cut short.
        BinaryPrimitives.WriteUInt32LittleEndian(table, 1_000_000);
        var routes = IpForwardTableParser.Parse(table.AsSpan(0, table.Length - 1), Names, NoInterfaceMetric);

        Assert.Empty(routes);
        Assert.Single(IpForwardTableParser.Parse(table, Names, NoInterfaceMetric));
        Assert.Empty(IpForwardTableParser.Parse([1, 0], Names, NoInterfaceMetric));
    }

    [Fact]
    public void Should_read_each_interface_metric_by_index_and_family()
    {
        var table = new byte[IpForwardTableParser.HeaderSize + (2 * IpForwardTableParser.InterfaceRowSize)];
        BinaryPrimitives.WriteUInt32LittleEndian(table, 2);
        var rows = table.AsSpan(IpForwardTableParser.HeaderSize);
        InterfaceRow(rows[..IpForwardTableParser.InterfaceRowSize], 2, 12, 25);
        InterfaceRow(rows[IpForwardTableParser.InterfaceRowSize..], 23, 12, 35);

        var metrics = IpForwardTableParser.ParseInterfaceMetrics(table);

        Assert.Equal(25, metrics[(12, AddressFamily.InterNetwork)]);
        Assert.Equal(35, metrics[(12, AddressFamily.InterNetworkV6)]);
        Assert.Empty(IpForwardTableParser.ParseInterfaceMetrics([]));
    }

    private static byte[] Table(params byte[][] rows)
    {
        var table = new byte[IpForwardTableParser.HeaderSize + (rows.Length * IpForwardTableParser.RowSize)];
        BinaryPrimitives.WriteUInt32LittleEndian(table, (uint)rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i].CopyTo(table, IpForwardTableParser.HeaderSize + (i * IpForwardTableParser.RowSize));
        }

        return table;
    }

    // MIB_IPFORWARD_ROW2 offsets from netioapi.h: InterfaceIndex 8, DestinationPrefix.Prefix 12, PrefixLength 40,
    // NextHop 44, Metric 84. SOCKADDR_IN keeps the address at +4, SOCKADDR_IN6 at +8.
    private static byte[] Row4(int index, IPAddress destination, byte prefix, IPAddress nextHop, uint metric) =>
        Row(index, 2, destination, prefix, nextHop, metric, 4);

    private static byte[] Row6(int index, IPAddress destination, byte prefix, IPAddress nextHop, uint metric) =>
        Row(index, 23, destination, prefix, nextHop, metric, 8);

    private static byte[] Row(int index, ushort family, IPAddress destination, byte prefix, IPAddress nextHop, uint metric, int addressOffset)
    {
        var row = new byte[IpForwardTableParser.RowSize];
        Array.Fill(row, (byte)0xCC); // padding and the fields the parser does not read are junk, as Wine leaves them
        BinaryPrimitives.WriteUInt32LittleEndian(row.AsSpan(8), (uint)index);
        BinaryPrimitives.WriteUInt16LittleEndian(row.AsSpan(12), family);
        destination.GetAddressBytes().CopyTo(row, 12 + addressOffset);
        row[40] = prefix;
        BinaryPrimitives.WriteUInt16LittleEndian(row.AsSpan(44), family);
        nextHop.GetAddressBytes().CopyTo(row, 44 + addressOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(row.AsSpan(84), metric);
        return row;
    }

    // MIB_IPINTERFACE_ROW: Family 0, InterfaceIndex 16, Metric 148.
    private static void InterfaceRow(Span<byte> row, ushort family, int index, uint metric)
    {
        row.Fill(0xCC);
        BinaryPrimitives.WriteUInt16LittleEndian(row, family);
        BinaryPrimitives.WriteUInt32LittleEndian(row[16..], (uint)index);
        BinaryPrimitives.WriteUInt32LittleEndian(row[148..], metric);
    }
}
