using System.Net.NetworkInformation;
using System.Runtime.Versioning;
using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>
/// Windows: GetIpForwardTable2, the IP Helper table that <c>route print</c> itself prints, read as bytes
/// (<see cref="IpForwardTableParser"/>) with each route's metric plus its interface's (GetIpInterfaceTable), as
/// <c>route print</c> shows it. <c>route print</c>'s text (localized, and missing or hanging under Wine) is read only
/// when iphlpapi.dll lacks the function or fails.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsRouteTable : IRouteTable
{
    private const string ApiSource = "GetIpForwardTable2";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public RouteTableSnapshot Read()
    {
        string problem;
        try
        {
            var (table, error) = IpForwardNative.CopyForwardTable();
            if (table is not null)
            {
                var metrics = IpForwardTableParser.ParseInterfaceMetrics(IpForwardNative.CopyInterfaceTable() ?? []);
                var names = InterfaceNames();
                var routes = IpForwardTableParser.Parse(
                    table,
                    (index, family) => names.TryGetValue((index, family), out var name) ? name : index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    (index, family) => metrics.TryGetValue((index, family), out var metric) ? metric : 0);
                return new RouteTableSnapshot(routes, ApiSource, null);
            }

            problem = $"{ApiSource} returned error {error}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            problem = $"{ApiSource} is not available ({e.GetType().Name})";
        }

        var route = Path.Combine(Environment.SystemDirectory, "route.exe");
        var output = BoundedProcess.TryRun(route, ["print"], Timeout);
        return output is null
            ? new RouteTableSnapshot([], $"{ApiSource}, route print", $"{problem}; 'route print' could not be run or did not finish within 5 s")
            : new RouteTableSnapshot(RoutePrintParser.Parse(output), "route print", null);
    }

    // The route rows carry only InterfaceIndex; NetworkInterface.Name is the alias ("Ethernet", "Wi-Fi",
    // "Loopback Pseudo-Interface 1") that ipconfig and Settings show. IPv4 and IPv6 indexes can differ.
    private static Dictionary<(int Index, AddressFamily Family), string> InterfaceNames()
    {
        var names = new Dictionary<(int Index, AddressFamily Family), string>();
        NetworkInterface[] nics;
        try
        {
            nics = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            // Routes without names (their index) are still worth showing.
            return names;
        }

        foreach (var nic in nics)
        {
            try
            {
                var properties = nic.GetIPProperties();
                if (nic.Supports(NetworkInterfaceComponent.IPv4) && properties.GetIPv4Properties() is { } v4)
                {
                    names.TryAdd((v4.Index, AddressFamily.InterNetwork), nic.Name);
                }

                if (nic.Supports(NetworkInterfaceComponent.IPv6) && properties.GetIPv6Properties() is { } v6)
                {
                    names.TryAdd((v6.Index, AddressFamily.InterNetworkV6), nic.Name);
                }
            }
            catch (NetworkInformationException)
            {
                // One adapter that cannot be asked (it went away) leaves the others named.
            }
        }

        return names;
    }
}
