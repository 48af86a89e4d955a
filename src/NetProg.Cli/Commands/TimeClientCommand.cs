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
        var host = CommonOptions.Host();
        var port = CommonOptions.PortArgument();
        var udp = CommonOptions.Udp("Ask over UDP (one datagram each way) instead of TCP.");
        var timeout = CommonOptions.Timeout();

        var command = new Command("time-client", "Ask a time server for the time; show its reply, the round trip and how far its clock is from this one.");
        command.Add(host);
        command.Add(port);
        command.Add(udp);
        command.Add(timeout);
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var target = result.GetValue(host)!;
            var query = await TimeClient.QueryAsync(target, result.GetValue(port), result.GetValue(udp), result.GetValue(timeout), token).ConfigureAwait(false);
            if (query.Reply.Kind == TimeReplyKind.Empty)
            {
                var where = EndPointText.Format(query.Server, query.Protocol);
                return (ExitCode)CommandRunner.Fail(
                    console,
                    query.ReplyBytes == 0
                        ? $"{where} closed the connection without sending anything: it accepts connections but is not a time server, or it is at its connection limit."
                        : $"{where} sent only NUL bytes or white space ({query.ReplyBytes} bytes): not a time.",
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
