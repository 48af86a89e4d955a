namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>
/// Reads macOS/BSD <c>netstat -rn</c> output (network_cmds netstat.tproj/route.c, FreeBSD usr.bin/netstat/route.c):
/// an "Internet:" and an "Internet6:" section, each with a header line naming its columns
/// ("Destination Gateway Flags [Refs Use] Netif Expire", the column set differs by release, so Netif is found by name).
/// </summary>
internal static class NetstatRouteParser
{
    public static IReadOnlyList<RouteEntry> Parse(string text)
    {
        var routes = new List<RouteEntry>();
        AddressFamily? family = null;
        var netifColumn = -1;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.StartsWith("Internet6", StringComparison.Ordinal))
            {
                family = AddressFamily.InterNetworkV6;
                continue;
            }

            if (trimmed.StartsWith("Internet", StringComparison.Ordinal))
            {
                family = AddressFamily.InterNetwork;
                continue;
            }

            var c = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (c.Length == 0 || family is null)
            {
                continue;
            }

            if (c[0] == "Destination")
            {
                netifColumn = Array.IndexOf(c, "Netif");
                continue;
            }

            if (netifColumn < 0 || c.Length <= netifColumn
                || !TryDestination(c[0], family.Value, out var destination, out var prefix))
            {
                continue;
            }

            routes.Add(new RouteEntry(family.Value, destination, prefix, Gateway(c[1], family.Value), c[netifColumn], null, c[2]));
        }

        return routes;
    }

    // "default"; "127" = 127.0.0.0/8, "192.168.1" = 192.168.1.0/24 (netname() drops trailing zero octets of a network
    // with its natural mask); "10.8/14" with an explicit length; a full IPv4 address without a length is a host.
    // IPv6: "fe80::%lo0/64", "::1" (host), zone dropped (the Netif column names the interface).
    private static bool TryDestination(string text, AddressFamily family, out IPAddress destination, out int prefix)
    {
        destination = family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
        prefix = 0;
        if (text == "default")
        {
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = StripZone(slash < 0 ? text : text[..slash]);
        int? length = slash < 0 ? null : int.TryParse(text.AsSpan(slash + 1), out var l) ? l : -1;
        if (length == -1)
        {
            return false;
        }

        if (family == AddressFamily.InterNetwork)
        {
            var octets = address.Split('.');
            if (octets.Length is < 1 or > 4 || octets.Any(o => !byte.TryParse(o, out _)))
            {
                return false;
            }

            destination = IPAddress.Parse(string.Join('.', octets.Concat(Enumerable.Repeat("0", 4 - octets.Length))));
            prefix = length ?? octets.Length * 8;
            return prefix <= 32;
        }

        if (!IPAddress.TryParse(address, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        destination = v6;
        prefix = length ?? 128;
        return prefix <= 128;
    }

    // "link#6" (on-link through interface 6) and a MAC address (an ARP/NDP entry, flag L) mean no next hop.
    private static IPAddress? Gateway(string text, AddressFamily family) =>
        IPAddress.TryParse(StripZone(text), out var gateway) && gateway.AddressFamily == family ? gateway : null;

    private static string StripZone(string address)
    {
        var percent = address.IndexOf('%', StringComparison.Ordinal);
        return percent < 0 ? address : address[..percent];
    }
}
