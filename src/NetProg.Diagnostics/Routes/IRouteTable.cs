namespace NetProg.Diagnostics.Routes;

/// <summary>Reads this machine's routing table. .NET has no API for it, so each OS has its own reader.</summary>
public interface IRouteTable
{
    /// <summary>Reads the table now. Never throws: a failure gives an empty table and the reason.</summary>
    RouteTableSnapshot Read();
}
