using NetProg.Diagnostics.Routes;
using NetProg.Diagnostics.Routes.Internal;

namespace NetProg.Diagnostics.Tests.Routes;

public sealed class RoutePrintParserTests
{
    [Fact]
    public void Should_read_windows_ipv4_active_routes_with_on_link_and_metrics()
    {
        // Given a hand-written Windows "route print" sample (TestData/README.md).
        var routes = RoutePrintParser.Parse(RouteTestData.Read("route-print-windows.txt")).Where(r => r.Family == AddressFamily.InterNetwork).ToList();

        // Then: the 8 active routes; the persistent "Default" row is not taken for a ninth.
        Assert.Equal(8, routes.Count);
        Assert.Equal(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Any, 0, IPAddress.Parse("192.168.1.1"), "192.168.1.23", 25, "UG"), routes[0]);
        Assert.Equal(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("127.0.0.0"), 8, null, "127.0.0.1", 331, "U"), routes[1]);
        Assert.Equal(new RouteEntry(AddressFamily.InterNetwork, IPAddress.Parse("127.0.0.1"), 32, null, "127.0.0.1", 331, "UH"), routes[2]);
    }

    [Fact]
    public void Should_read_windows_ipv6_routes_with_interface_names_and_a_wrapped_gateway()
    {
        var routes = RoutePrintParser.Parse(RouteTestData.Read("route-print-windows.txt")).Where(r => r.Family == AddressFamily.InterNetworkV6).ToList();

        Assert.Equal(5, routes.Count);
        Assert.Equal(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.IPv6Any, 0, IPAddress.Parse("fe80::1"), "Intel(R) Ethernet Connection (7) I219-V", 281, "UG"), routes[0]);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.Parse("fe80::1c2d:3e4f:5a6b:7c8d"), 128, null, "Intel(R) Ethernet Connection (7) I219-V", 281, "UH"), routes);
        Assert.Contains(new RouteEntry(AddressFamily.InterNetworkV6, IPAddress.IPv6Loopback, 128, null, "Software Loopback Interface 1", 331, "UH"), routes);
    }

    [Fact]
    public void Should_take_a_localized_on_link_for_no_gateway()
    {
        // Given German Windows, where "On-link" reads "Auf Verbindung" (two words would break a 5-column row) or "Lokal".
        const string text = "          0.0.0.0          0.0.0.0      192.168.1.1     192.168.1.23     25\r\n      192.168.1.0    255.255.255.0            Lokal      192.168.1.23    281\r\n";

        var routes = RoutePrintParser.Parse(text);

        Assert.Equal(2, routes.Count);
        Assert.Null(routes[1].Gateway);
    }
}
