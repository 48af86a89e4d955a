using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics.Routes;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog route [--json]</c>: the routing table like <c>netstat -nr</c>, default gateways marked.</summary>
internal static class RouteCommand
{
    public static Command Create(ICliConsole console)
    {
        var json = new Option<bool>("--json") { Description = Strings.Option_JsonTable };
        var command = new Command("route", Strings.Route_Description) { json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, _ =>
        {
            var table = RouteTables.ForCurrentOs().Read();
            if (table.Routes.Count == 0 && table.Reason is not null)
            {
                return Task.FromResult((ExitCode)CommandRunner.Fail(console, table.Reason, ExitCode.Failure));
            }

            if (result.GetValue(json))
            {
                RouteJson.Write(console.Out, table);
            }
            else
            {
                RouteView.Write(console.Out, table);
            }

            return Task.FromResult(ExitCode.Success);
        }, ct));
        return command;
    }
}
