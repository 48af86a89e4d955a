namespace NetProg.Diagnostics.Routes;

/// <summary>A routing table as read once, or an empty one and the reason why.</summary>
/// <param name="Routes">IPv4 routes, then IPv6 routes, each in the OS's order.</param>
/// <param name="Source">Where they were read from ("/proc/net/route, /proc/net/ipv6_route", "netstat -rn", "GetIpForwardTable2", "route print").</param>
/// <param name="Reason">Why the table is empty or incomplete, or null when everything could be read.</param>
public sealed record RouteTableSnapshot(IReadOnlyList<RouteEntry> Routes, string Source, string? Reason);
