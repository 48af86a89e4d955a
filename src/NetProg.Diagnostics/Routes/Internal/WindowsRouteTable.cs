using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>
/// Windows: <c>route print</c>. GetIpForwardTable2 would avoid parsing text, but its MIB_IPFORWARD_ROW2 layout could
/// not be checked without a Windows machine; route.exe's layout is documented and tested on a sample.
/// </summary>
internal sealed class WindowsRouteTable : IRouteTable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public RouteTableSnapshot Read()
    {
        var route = Path.Combine(Environment.SystemDirectory, "route.exe");
        var output = BoundedProcess.TryRun(route, ["print"], Timeout);
        return output is null
            ? new RouteTableSnapshot([], "route print", "'route print' could not be run or did not finish within 5 s")
            : new RouteTableSnapshot(RoutePrintParser.Parse(output), "route print", null);
    }
}
