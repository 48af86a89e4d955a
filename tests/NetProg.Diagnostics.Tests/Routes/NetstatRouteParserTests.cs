using NetProg.Diagnostics.Routes;
using NetProg.Diagnostics.Routes.Internal;

namespace NetProg.Diagnostics.Tests.Routes;

public sealed class NetstatRouteParserTests
{
    [Fact]
    public void Should_read_macos_netstat_rn_with_abbreviated_networks_and_link_gateways()
    {
        // Given a hand-written macOS "netstat -rn" sample (TestData/README.md).
        var routes = NetstatRouteParser.Parse(RouteTestData.Read("netstat-rn-macos.txt"));

        // Then
        Assert.Equal(18, routes.Count);
        Assert.Equal(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Any, 0, IPAddress.Parse("192.168.1.1"), "en0", null, "UGScg"), routes[0]);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("127.0.0.0"), 8, IPAddress.Loopback, "lo0", null, "UCS"), routes);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("192.168.1.0"), 24, null, "en0", null, "UCS"), routes);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("10.8.0.0"), 14, IPAddress.Parse("192.168.1.254"), "en0", null, "UGSc"), routes);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("192.168.1.1"), 32, null, "en0", null, "UHLWIir"), routes);
    }

    [Fact]
    public void Should_read_macos_ipv6_routes_without_their_zones()
    {
        var routes = NetstatRouteParser.Parse(RouteTestData.Read("netstat-rn-macos.txt")).Where(r => r.Family == AddressFamily.InterNetworkV6).ToList();

        Assert.Equal(7, routes.Count);
        Assert.Equal(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.IPv6Any, 0, IPAddress.Parse("fe80::1"), "en0", null, "UGcg"), routes[0]);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.Parse("fe80::"), 64, null, "en0", null, "UCI"), routes);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.IPv6Loopback, 128, IPAddress.IPv6Loopback, "lo0", null, "UHL"), routes);
    }

    [Fact]
    public void Should_find_netif_by_its_header_when_older_releases_add_refs_and_use()
    {
        // Given the older layout (macOS 10.x, FreeBSD < 11): Destination Gateway Flags Refs Use Netif Expire.
        const string text = """
            Internet:
            Destination        Gateway            Flags        Refs      Use   Netif Expire
            default            10.0.0.1           UGSc           11        0     en1
            """;

        var route = Assert.Single(NetstatRouteParser.Parse(text));
        Assert.Equal("en1", route.Interface);
        Assert.True(route.IsDefault);
    }
}
