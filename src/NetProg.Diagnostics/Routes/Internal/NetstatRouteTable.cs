using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>macOS and the BSDs: <c>netstat -rn</c> (reading the PF_ROUTE sysctl directly would need the rt_msghdr layout of each release).</summary>
internal sealed class NetstatRouteTable : IRouteTable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public RouteTableSnapshot Read()
    {
        // /usr/sbin/netstat on macOS, /usr/bin/netstat on FreeBSD; PATH finds either.
        var output = BoundedProcess.TryRun("netstat", ["-rn"], Timeout);
        return output is null
            ? new RouteTableSnapshot([], "netstat -rn", "'netstat -rn' could not be run or did not finish within 5 s")
            : new RouteTableSnapshot(NetstatRouteParser.Parse(output), "netstat -rn", null);
    }
}
