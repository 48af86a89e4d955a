namespace NetProg.Diagnostics.Routes;

/// <summary>One route, as <c>netstat -nr</c> prints it.</summary>
/// <param name="Family">InterNetwork or InterNetworkV6.</param>
/// <param name="Destination">The network (0.0.0.0 or :: for a default route), without a zone.</param>
/// <param name="PrefixLength">0 for a default route, 32 or 128 for a host route.</param>
/// <param name="Gateway">The next hop, or null when the destination is on-link (reached directly on the interface).</param>
/// <param name="Interface">The interface name; on Windows its alias ("Ethernet", "Wi-Fi"), or with the <c>route print</c> fallback the interface's address for IPv4.</param>
/// <param name="Metric">The metric, or null where the OS does not print one (BSD/macOS <c>netstat -rn</c>).</param>
/// <param name="Flags">
/// The flags in netstat letters: U up, G gateway, H host, ! reject, D dynamic, M modified, A addrconf, C cache,
/// L local (Linux RTF_LOCAL); on macOS/BSD the letters <c>netstat -rn</c> printed (netstat(1), "Flags"); on
/// Windows, which prints none, U plus G and H derived from the gateway and prefix.
/// </param>
public sealed record RouteEntry(
    AddressFamily Family,
    IPAddress Destination,
    int PrefixLength,
    IPAddress? Gateway,
    string Interface,
    int? Metric,
    string Flags)
{
    /// <summary>A default route (0.0.0.0/0 or ::/0): its gateway is a default gateway.</summary>
    public bool IsDefault => PrefixLength == 0;

    /// <summary>No gateway: the destination is reached directly on <see cref="Interface"/>.</summary>
    public bool IsOnLink => Gateway is null;
}
