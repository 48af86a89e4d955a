using System.Net.Sockets;
using System.Text;
using NetProg.Diagnostics.Routes;
using NetProg.Diagnostics.Routes.Internal;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// <see cref="ProcNetRouteParser"/> on /proc/net/route and /proc/net/ipv6_route text: never throws, and every route it
/// keeps has the right family, a prefix length the family allows, an interface name and a metric that is not negative.
/// </summary>
/// <remarks>Input: byte 0 bit 0 is the byte order of the machine that printed the text; the rest is read by both parsers, as UTF-8.</remarks>
public sealed class ProcNetRouteTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "proc-net-route";

    /// <inheritdoc />
    public string Description => "ProcNetRouteParser.ParseIPv4 and ParseIPv6 on /proc/net/route and ipv6_route text";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        string text = Encoding.UTF8.GetString(input[1..]);
        foreach (RouteEntry route in ProcNetRouteParser.ParseIPv4(text, littleEndian: (input[0] & 0x1) != 0))
        {
            Check(route, AddressFamily.InterNetwork, 32);
        }

        foreach (RouteEntry route in ProcNetRouteParser.ParseIPv6(text))
        {
            Check(route, AddressFamily.InterNetworkV6, 128);
            FuzzInvariantException.Check(!route.Flags.Contains('!', StringComparison.Ordinal), "a rejected IPv6 route was kept");
        }
    }

    private static void Check(RouteEntry route, AddressFamily family, int maxPrefix)
    {
        FuzzInvariantException.Check(route.Family == family && route.Destination.AddressFamily == family, $"a {family} route of another family");
        FuzzInvariantException.Check(route.Gateway is null || route.Gateway.AddressFamily == family, "a gateway of another family");
        FuzzInvariantException.Check(route.PrefixLength >= 0 && route.PrefixLength <= maxPrefix, $"prefix length {route.PrefixLength}");
        // The columns are split on C isspace(), as net-tools does: no such character may be left inside a name.
        FuzzInvariantException.Check(
            route.Interface.Length > 0 && route.Interface.IndexOfAny([' ', '\t', '\n', '\v', '\f', '\r']) < 0,
            $"interface name '{route.Interface}'");
        FuzzInvariantException.Check(route.Metric is null or >= 0, $"metric {route.Metric}");
    }
}
