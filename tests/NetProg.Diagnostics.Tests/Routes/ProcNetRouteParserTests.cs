using NetProg.Diagnostics.Routes;
using NetProg.Diagnostics.Routes.Internal;

namespace NetProg.Diagnostics.Tests.Routes;

public sealed class ProcNetRouteParserTests
{
    [Fact]
    public void Should_decode_little_endian_hex_into_the_default_and_the_on_link_route()
    {
        // Given /proc/net/route captured on x86-64: "010200C0" is 192.0.2.1 written as a host-order integer.
        var text = RouteTestData.Read("proc-net-route.txt");

        // When
        var routes = ProcNetRouteParser.ParseIPv4(text, littleEndian: true);

        // Then
        Assert.Equal(
            [
                new RouteEntry(AddressFamily.InterNetwork, IPAddress.Any, 0, IPAddress.Parse("192.0.2.1"), "eth0", 0, "UG"),
                new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("192.0.2.0"), 24, null, "eth0", 0, "U"),
            ],
            routes);
        Assert.True(routes[0].IsDefault);
        Assert.True(routes[1].IsOnLink);
    }

    [Fact]
    public void Should_read_a_host_route_and_metrics()
    {
        // Given the namespace capture with a host route 198.51.100.7 via 10.0.2.2 (flags 0007) and metrics 100 and 5.
        var routes = ProcNetRouteParser.ParseIPv4(RouteTestData.Read("proc-net-route-vm.txt"), littleEndian: true);

        // Then
        Assert.Equal(4, routes.Count);
        Assert.Equal(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Any, 0, IPAddress.Parse("10.0.2.2"), "eth0", 100, "UG"), routes[0]);
        Assert.Equal(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("198.51.100.7"), 32, IPAddress.Parse("10.0.2.2"), "eth0", 0, "UGH"), routes[2]);
        Assert.Equal(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("203.0.113.0"), 24, null, "eth0", 5, "U"), routes[3]);
    }

    [Fact]
    public void Should_read_the_same_text_in_big_endian_order_when_a_big_endian_kernel_printed_it()
    {
        // Given the kernel's "%08X" of a __be32 on a big-endian machine: 192.0.2.1 reads C0000201.
        const string text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neth0\t00000000\tC0000201\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";

        // Then
        var route = Assert.Single(ProcNetRouteParser.ParseIPv4(text, littleEndian: false));
        Assert.Equal(IPAddress.Parse("192.0.2.1"), route.Gateway);
    }

    [Theory]
    [InlineData("80000000")]
    [InlineData("FFFFFFFF")]
    [InlineData("81")]
    public void Should_drop_an_ipv6_route_whose_prefix_length_is_not_0_to_128_found_by_fuzzing(string prefixLength)
    {
        // Given a prefix length that hex-parses into a negative int (AFL++ found "80000000" kept as /-2147483648) or past 128
        var text = $"20010db8000000000000000000000000 {prefixLength} 00000000000000000000000000000000 00 "
            + "00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0\n";

        // Then the line is not a route
        Assert.Empty(ProcNetRouteParser.ParseIPv6(text));
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\v")]
    [InlineData("\f")]
    public void Should_split_columns_on_any_c_whitespace_found_by_fuzzing(string separator)
    {
        // Given an IPv4 and an IPv6 route whose interface column is followed by a CR, VT or FF instead of a space or tab
        // (fuzzing found "eth0\rff00..." taken as one interface name; net-tools' sscanf splits on all of isspace())
        var ipv4 = $"eth0{separator}00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";
        var ipv6 = "20010db8000000000000000000000000 20 00000000000000000000000000000000 00 "
            + $"00000000000000000000000000000000 00000100 00000001 00000000 00000001{separator}eth0\n";

        // When
        var v4 = Assert.Single(ProcNetRouteParser.ParseIPv4(ipv4, littleEndian: true));
        var v6 = Assert.Single(ProcNetRouteParser.ParseIPv6(ipv6));

        // Then
        Assert.Equal(("eth0", IPAddress.Parse("192.0.2.1")), (v4.Interface, v4.Gateway));
        Assert.Equal(("eth0", 32), (v6.Interface, v6.PrefixLength));
    }

    [Theory]
    [InlineData("4294967295")] // what Linux 6.18 prints for `metric 4294967295`
    [InlineData("2147483648")]
    [InlineData("-1")] // the same u32 printed signed
    public void Should_keep_a_route_whose_metric_is_beyond_int_max_found_by_fuzzing(string metric)
    {
        // Given the line the kernel prints after `ip route add 192.0.2.0/24 dev lo metric 4294967295` (checked in a
        // network namespace); the route used to vanish because its metric did not parse as an int (docs/FUZZING.md).
        var text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            + $"lo\t000200C0\t00000000\t0001\t0\t0\t{metric}\t00FFFFFF\t0\t0\t0\n";

        // When
        var route = Assert.Single(ProcNetRouteParser.ParseIPv4(text, littleEndian: true));

        // Then it is kept, its metric clamped like an IPv6 metric beyond int.MaxValue
        Assert.Equal(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("192.0.2.0"), 24, null, "lo", int.MaxValue, "U"), route);
    }

    [Fact]
    public void Should_read_ipv6_default_link_local_and_host_routes_and_drop_the_kernel_null_entries()
    {
        // Given /proc/net/ipv6_route captured on this VM: 8 lines, one of them the rejected "::/0 ... lo" null entry.
        var routes = ProcNetRouteParser.ParseIPv6(RouteTestData.Read("proc-net-ipv6_route.txt"));

        // Then
        Assert.Equal(7, routes.Count);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.IPv6Any, 0, IPAddress.Parse("fd00::1"), "eth0", 1024, "UG"), routes);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.Parse("fe80::"), 64, null, "eth0", 256, "U"), routes);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.IPv6Loopback, 128, null, "lo", 0, "UHL"), routes);
        Assert.Single(routes, r => r.IsDefault);
        Assert.DoesNotContain(routes, r => r.Flags.Contains('!', StringComparison.Ordinal));
    }

    [Fact]
    public void Should_read_an_ipv6_host_route_through_a_link_local_gateway()
    {
        var routes = ProcNetRouteParser.ParseIPv6(RouteTestData.Read("proc-net-ipv6_route-vm.txt"));

        Assert.Contains(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.Parse("2001:db8:1::5"), 128, IPAddress.Parse("fe80::2"), "eth0", 1024, "UGH"), routes);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.IPv6Any, 0, IPAddress.Parse("fe80::1"), "eth0", 1024, "UG"), routes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Iface\tDestination\tGateway\n")]
    [InlineData("eth0\tZZZZZZZZ\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n")]
    [InlineData("fe80 40 garbage\n")]
    public void Should_skip_headers_and_malformed_lines(string text)
    {
        Assert.Empty(ProcNetRouteParser.ParseIPv4(text, littleEndian: true));
        Assert.Empty(ProcNetRouteParser.ParseIPv6(text));
    }

    [LinuxFact]
    public void Should_read_this_machines_table_without_a_reason()
    {
        // When
        var snapshot = RouteTables.ForCurrentOs().Read();

        // Then: every line of /proc/net/route is a route (the header excepted).
        Assert.Null(snapshot.Reason);
        var lines = File.ReadAllLines("/proc/net/route").Skip(1).Count(l => l.Trim().Length > 0);
        Assert.Equal(lines, snapshot.Routes.Count(r => r.Family == AddressFamily.InterNetwork));
    }

    [Fact]
    public void Should_give_a_reason_not_an_exception_when_the_files_are_missing()
    {
        var snapshot = new LinuxRouteTable(Path.Combine(Path.GetTempPath(), "netprog-no-such-folder")).Read();

        Assert.Empty(snapshot.Routes);
        Assert.Contains("cannot read", snapshot.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_read_a_folder_of_samples_as_one_table()
    {
        // Given a folder with route and ipv6_route (copied from the captured samples).
        var folder = Directory.CreateTempSubdirectory("netprog-route-").FullName;
        try
        {
            File.Copy(Path.Combine(RouteTestData.Folder(), "proc-net-route.txt"), Path.Combine(folder, "route"));
            File.Copy(Path.Combine(RouteTestData.Folder(), "proc-net-ipv6_route.txt"), Path.Combine(folder, "ipv6_route"));

            // When
            var snapshot = new LinuxRouteTable(folder).Read();

            // Then: IPv4 first, then IPv6.
            Assert.Null(snapshot.Reason);
            Assert.Equal(9, snapshot.Routes.Count);
            Assert.Equal(AddressFamily.InterNetwork, snapshot.Routes[0].Family);
            Assert.Equal(AddressFamily.InterNetworkV6, snapshot.Routes[^1].Family);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
