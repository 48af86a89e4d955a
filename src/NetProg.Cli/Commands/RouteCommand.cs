using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics.Routes;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog route [--json]</c>: the routing table like <c>netstat -nr</c>, default gateways marked.</summary>
internal static class RouteCommand
{
    public static Command Create(ICliConsole console) => TableCommand.Create(
        console,
        "route",
        Strings.Route_Description,
        () => RouteTables.ForCurrentOs().Read(),
        table => table.Routes.Count == 0 ? table.Reason : null,
        RouteJson.Write,
        RouteView.Write);
}
