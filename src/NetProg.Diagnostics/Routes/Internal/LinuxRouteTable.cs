namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>Linux: the kernel's own text tables, no helper process and no privileges needed.</summary>
/// <param name="procNet">The folder holding route and ipv6_route (/proc/net; a sample folder in tests).</param>
internal sealed class LinuxRouteTable(string procNet) : IRouteTable
{
    public RouteTableSnapshot Read()
    {
        var ipv4Path = Path.Combine(procNet, "route");
        var ipv6Path = Path.Combine(procNet, "ipv6_route");
        var routes = new List<RouteEntry>();
        var problems = new List<string>();

        if (TryRead(ipv4Path, problems) is { } ipv4)
        {
            routes.AddRange(ProcNetRouteParser.ParseIPv4(ipv4, BitConverter.IsLittleEndian));
        }

        // ipv6_route is absent when IPv6 is disabled (ipv6.disable=1): that is a fact, not an error.
        if (File.Exists(ipv6Path) && TryRead(ipv6Path, problems) is { } ipv6)
        {
            routes.AddRange(ProcNetRouteParser.ParseIPv6(ipv6));
        }

        return new RouteTableSnapshot(routes, $"{ipv4Path}, {ipv6Path}", problems.Count == 0 ? null : string.Join("; ", problems));
    }

    private static string? TryRead(string path, List<string> problems)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot read {path}: {e.Message}");
            return null;
        }
    }
}
