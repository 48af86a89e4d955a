using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Services.Hosting;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog echo-server [--port 30000] [--bind ADDR] [--udp | --both]</c></summary>
internal static class EchoServerCommand
{
    public static Command Create(ICliConsole console)
    {
        var server = new ServerOptionSet();
        var command = new Command("echo-server", "Echo every byte back (RFC 862): TCP streams, UDP datagrams.");
        server.AddTo(command);
        command.SetAction((result, ct) =>
        {
            var settings = server.Read(result);
            return CommandRunner.RunAsync(console, token => ServeCommand.ServeAsync(console, [(ServiceCatalog.Echo(), settings)], settings.Quiet, token), ct);
        });
        return command;
    }
}
