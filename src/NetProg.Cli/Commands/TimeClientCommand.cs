using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Protocols.Time;
using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog time-client [HOST] [PORT] [--udp] [--timeout 5s]</c>, like the course's <c>time_client [ip] [port]</c>.</summary>
internal static class TimeClientCommand
{
    public static Command Create(ICliConsole console)
    {
        var udp = CommonOptions.Udp(Strings.TimeClient_Option_Udp);
        var timeout = CommonOptions.Timeout();

        var command = new Command("time-client", Strings.TimeClient_Description);
        var server = ClientTarget.AddTo(command);
        command.Add(udp);
        command.Add(timeout);
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var (target, portNumber) = server.Read(result);
            var query = await TimeClient.QueryAsync(target, portNumber, result.GetValue(udp), result.GetValue(timeout), token).ConfigureAwait(false);
            if (query.Reply.Kind == TimeReplyKind.Empty)
            {
                var where = EndPointText.Format(query.Server, query.Protocol);
                return (ExitCode)CommandRunner.Fail(
                    console,
                    query.ReplyBytes == 0
                        ? string.Format(Strings.TimeClient_ClosedSilently, where)
                        : string.Format(Strings.TimeClient_Blank, where, query.ReplyBytes),
                    ExitCode.Failure);
            }

            foreach (var line in TimeQueryText.Lines(query))
            {
                console.Out.WriteLine(line);
            }

            return ExitCode.Success;
        }, ct));
        return command;
    }
}
