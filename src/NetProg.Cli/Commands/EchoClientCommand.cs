using System.CommandLine;
using System.Text;
using NetProg.Cli.Infrastructure;
using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog echo-client [HOST] [PORT] [--udp]</c>. At a terminal: prompt, send a line, print the echo, until EOF or
/// <c>quit</c>. With stdin redirected: a byte-exact stream both ways (TCP), or one datagram per line (UDP).
/// </summary>
internal static class EchoClientCommand
{
    public static Command Create(ICliConsole console)
    {
        var host = CommonOptions.Host();
        var port = CommonOptions.PortArgument();
        var udp = CommonOptions.Udp("Send datagrams (one per line) instead of a TCP stream.");
        var timeout = CommonOptions.Timeout();

        var command = new Command("echo-client", "Send lines (or all of stdin) to an echo server and print what comes back.");
        command.Add(host);
        command.Add(port);
        command.Add(udp);
        command.Add(timeout);
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, token =>
        {
            var target = result.GetValue(host)!;
            var portNumber = result.GetValue(port);
            var useUdp = result.GetValue(udp);
            var wait = result.GetValue(timeout);
            return console.IsInputRedirected
                ? StreamAsync(console, target, portNumber, useUdp, wait, token)
                : InteractiveAsync(console, target, portNumber, useUdp, wait, token);
        }, ct));
        return command;
    }

    private static async Task<ExitCode> StreamAsync(ICliConsole console, string host, int port, bool udp, TimeSpan timeout, CancellationToken token)
    {
        await using var input = console.OpenStandardInput();
        await using var output = console.OpenStandardOutput();
        var result = udp
            ? await EchoClient.StreamDatagramsAsync(host, port, input, output, timeout, token).ConfigureAwait(false)
            : await EchoClient.StreamAsync(host, port, input, output, timeout, token).ConfigureAwait(false);
        if (result.ServerClosedEarly)
        {
            return (ExitCode)CommandRunner.Fail(
                console,
                $"{EndPointText.Format(result.Server, result.Protocol)} closed the connection before all input was sent ({result.BytesSent} bytes sent, {result.BytesReceived} received).",
                ExitCode.Failure);
        }

        return ExitCode.Success;
    }

    private static async Task<ExitCode> InteractiveAsync(ICliConsole console, string host, int port, bool udp, TimeSpan timeout, CancellationToken token)
    {
        using var session = await EchoSession.OpenAsync(host, port, udp, timeout, token).ConfigureAwait(false);
        var target = session.RemoteEndPoint is { } remote
            ? EndPointText.Format(remote, session.Protocol)
            : $"{host}:{port}/udp";
        console.Out.WriteLine($"connected to {target}. Type a line and press Enter; 'quit' or Ctrl+D ends.");
        while (true)
        {
            console.Out.Write("> ");
            console.Out.Flush();
            var line = await console.In.ReadLineAsync(token).ConfigureAwait(false);
            if (line is null || line == "quit")
            {
                return ExitCode.Success;
            }

            // The line goes out with its LF, as fgets() leaves it in the course's echo_client.
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            var reply = await session.ExchangeAsync(bytes, token).ConfigureAwait(false);
            console.Out.WriteLine(Encoding.UTF8.GetString(reply).TrimEnd('\n', '\r'));
            if (reply.Length < bytes.Length)
            {
                return (ExitCode)CommandRunner.Fail(console, $"{target} closed the connection (echoed {reply.Length} of {bytes.Length} bytes).", ExitCode.Failure);
            }
        }
    }
}
