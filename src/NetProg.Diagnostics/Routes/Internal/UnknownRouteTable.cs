namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>An OS netprog has no routing-table reader for.</summary>
internal sealed class UnknownRouteTable : IRouteTable
{
    public RouteTableSnapshot Read() =>
        new([], "none", "netprog cannot read the routing table on this OS; try 'netstat -rn' or 'ip route'");
}
