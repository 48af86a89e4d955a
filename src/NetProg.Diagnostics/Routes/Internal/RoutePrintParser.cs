using System.Numerics;
using System.Text.RegularExpressions;

namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>
/// Reads Windows <c>route print</c> output: an interface list ("12...00 15 5d 01 02 03 ......Intel(R) Ethernet"),
/// the IPv4 active routes ("Network Destination  Netmask  Gateway  Interface  Metric", the interface given by its
/// address) and the IPv6 active routes ("If Metric Network Destination Gateway", the interface by index, a long
/// destination pushing the gateway onto the next line). Headings and "On-link" are localized, so rows are recognised
/// by their shape, and a gateway that is not an address is on-link.
/// </summary>
internal static partial class RoutePrintParser
{
    public static IReadOnlyList<RouteEntry> Parse(string text)
    {
        var interfaces = new Dictionary<int, string>();
        var routes = new List<RouteEntry>();
        var seen = new HashSet<RouteEntry>();
        (int Index, int Metric, IPAddress Destination, int Prefix)? pendingV6 = null;

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var interfaceMatch = InterfaceLine().Match(line);
            if (interfaceMatch.Success)
            {
                interfaces[int.Parse(interfaceMatch.Groups["index"].Value, CultureInfo.InvariantCulture)] = interfaceMatch.Groups["name"].Value.Trim();
                continue;
            }

            var c = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (pendingV6 is { } p)
            {
                pendingV6 = null;
                if (c.Length == 1)
                {
                    AddV6(p.Index, p.Metric, p.Destination, p.Prefix, c[0]);
                    continue;
                }
            }

            if (c.Length == 5 && IsIPv4(c[0], out var destination) && IsIPv4(c[1], out var mask) && IsIPv4(c[3], out _)
                && int.TryParse(c[4], NumberStyles.None, CultureInfo.InvariantCulture, out var metric))
            {
                var prefix = mask.GetAddressBytes().Sum(b => BitOperations.PopCount(b));
                var gateway = IsIPv4(c[2], out var g) ? g : null;
                Add(new RouteEntry(AddressFamily.InterNetwork, destination, prefix, gateway, c[3], metric, Flags(gateway, prefix, 32)));
                continue;
            }

            if (c.Length is 3 or 4
                && int.TryParse(c[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && int.TryParse(c[1], NumberStyles.None, CultureInfo.InvariantCulture, out var metric6)
                && TryIPv6Prefix(c[2], out var destination6, out var prefix6))
            {
                if (c.Length == 4)
                {
                    AddV6(index, metric6, destination6, prefix6, c[3]);
                }
                else
                {
                    pendingV6 = (index, metric6, destination6, prefix6);
                }
            }
        }

        return routes;

        void AddV6(int index, int metric, IPAddress destination, int prefix, string gatewayText)
        {
            var gateway = IPAddress.TryParse(gatewayText, out var g) && g.AddressFamily == AddressFamily.InterNetworkV6 ? g : null;
            var name = interfaces.TryGetValue(index, out var n) ? n : index.ToString(CultureInfo.InvariantCulture);
            Add(new RouteEntry(AddressFamily.InterNetworkV6, destination, prefix, gateway, name, metric, Flags(gateway, prefix, 128)));
        }

        // "Persistent Routes" repeat active ones in the IPv6 layout; keep each route once.
        void Add(RouteEntry route)
        {
            if (seen.Add(route))
            {
                routes.Add(route);
            }
        }
    }

    private static string Flags(IPAddress? gateway, int prefix, int hostLength) =>
        "U" + (gateway is null ? string.Empty : "G") + (prefix == hostLength ? "H" : string.Empty);

    private static bool IsIPv4(string text, out IPAddress address) =>
        IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetwork && text.Count(ch => ch == '.') == 3;

    private static bool TryIPv6Prefix(string text, out IPAddress address, out int prefix)
    {
        address = IPAddress.IPv6Any;
        prefix = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && IPAddress.TryParse(text[..slash], out address!)
            && address.AddressFamily == AddressFamily.InterNetworkV6
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix)
            && prefix <= 128;
    }

    [GeneratedRegex(@"^\s*(?<index>\d+)\.\.\.(?:[0-9a-fA-F]{2} )*\.*(?<name>[^.].*)$")]
    private static partial Regex InterfaceLine();
}
