using NetProg.Diagnostics.Routes.Internal;

namespace NetProg.Diagnostics.Routes;

/// <summary>Chooses the routing-table reader of the current OS.</summary>
public static class RouteTables
{
    /// <summary>
    /// Linux: /proc/net/route and /proc/net/ipv6_route; macOS and the BSDs: <c>netstat -rn</c>; Windows: GetIpForwardTable2 (<c>route print</c> as a fallback);
    /// anything else: a reader that returns an empty table and says why.
    /// </summary>
    public static IRouteTable ForCurrentOs()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxRouteTable("/proc/net");
        }

        if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            return new NetstatRouteTable();
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsRouteTable();
        }

        return new UnknownRouteTable();
    }
}
