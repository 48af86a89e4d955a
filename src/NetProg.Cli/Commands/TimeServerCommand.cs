using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Protocols.Time;
using NetProg.Services.Hosting;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog time-server [--port 30000] [--bind ADDR] [--udp | --both] [--format ctime|iso8601|rfc868]</c></summary>
internal static class TimeServerCommand
{
    public static Command Create(ICliConsole console)
    {
        var server = new ServerOptionSet();
        var format = CommonOptions.Format();
        var nul = new Option<bool>("--nul")
        {
            Description = Strings.TimeServer_Option_Nul,
        };

        var command = new Command("time-server", Strings.TimeServer_Description);
        server.AddTo(command);
        command.Add(format);
        command.Add(nul);
        command.SetAction((result, ct) =>
        {
            var settings = server.Read(result);
            var service = ServiceCatalog.Time(result.GetValue(format), result.GetValue(nul), TimeProvider.System);
            return CommandRunner.RunAsync(console, token => ServeCommand.ServeAsync(console, [(service, settings)], settings.Quiet, token), ct);
        });
        return command;
    }
}
