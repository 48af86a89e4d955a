using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Services.Clients;
using NetProg.Transport;
using NetProg.Transport.Tls;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog echo-client [HOST] [PORT] [--udp]</c>. At a terminal: prompt, send a line, print the echo, until EOF or
/// <c>quit</c>. With stdin redirected: a byte-exact stream both ways (TCP), or one datagram per line (UDP).
/// </summary>
internal static class EchoClientCommand
{
    public static Command Create(ICliConsole console)
    {
        var udp = CommonOptions.Udp(Strings.EchoClient_Option_Udp);
        var timeout = CommonOptions.Timeout();
        var user = new Option<string?>("--user") { Description = Strings.EchoClient_Option_User, HelpName = "NAME" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = Strings.EchoClient_Option_PasswordStdin };
        var tls = new Option<bool>("--tls") { Description = Strings.EchoClient_Option_Tls };
        var fingerprint = new Option<string?>("--tls-fingerprint")
        {
            Description = Strings.EchoClient_Option_TlsFingerprint,
            HelpName = "SHA256",
        };

        var command = new Command("echo-client", Strings.EchoClient_Description);
        var server = ClientTarget.AddTo(command);
        command.Add(udp);
        command.Add(timeout);
        command.Add(user);
        command.Add(passwordStdin);
        command.Add(tls);
        command.Add(fingerprint);
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, token =>
        {
            var (target, portNumber) = server.Read(result);
            var useUdp = result.GetValue(udp);
            var connect = ConnectOptions(console, result, timeout, user, passwordStdin, tls, fingerprint, out var stdin);
            if (useUdp && (connect.Tls is not null || connect.Login is not null))
            {
                throw new UsageException(Strings.EchoClient_UserTcpOnly);
            }

            return console.IsInputRedirected
                ? StreamAsync(console, target, portNumber, useUdp, connect, stdin, token)
                : InteractiveAsync(console, target, portNumber, useUdp, connect, token);
        }, ct));
        return command;
    }

    private static EchoConnectOptions ConnectOptions(
        ICliConsole console, ParseResult result, Option<TimeSpan> timeout, Option<string?> user, Option<bool> passwordStdin, Option<bool> tls, Option<string?> fingerprint, out Stream? stdin)
    {
        stdin = null;
        ClientTls? clientTls = null;
        if (result.GetValue(fingerprint) is { } text)
        {
            if (!CertificatePin.TryParse(text, out var pin))
            {
                throw new UsageException(string.Format(Strings.EchoClient_InvalidFingerprint, text));
            }

            clientTls = new ClientTls(pin);
        }
        else if (result.GetValue(tls))
        {
            clientTls = new ClientTls(null);
        }

        LoginCredentials? login = null;
        if (result.GetValue(user) is { } name)
        {
            if (result.GetValue(passwordStdin))
            {
                stdin = console.OpenStandardInput();
            }

            login = new LoginCredentials(name, PasswordInput.Read(console, result.GetValue(passwordStdin), stdin, string.Format(Strings.EchoClient_PasswordPrompt, name)));
        }
        else if (result.GetValue(passwordStdin))
        {
            throw new UsageException(Strings.EchoClient_PasswordStdinWithoutUser);
        }

        return new EchoConnectOptions(result.GetValue(timeout), clientTls, login);
    }

    private static async Task<ExitCode> StreamAsync(ICliConsole console, string host, int port, bool udp, EchoConnectOptions connect, Stream? stdin, CancellationToken token)
    {
        // With --password-stdin the password line was taken from this same stream: the rest of it is the data.
        await using var input = stdin ?? console.OpenStandardInput();
        await using var output = console.OpenStandardOutput();
        var result = udp
            ? await EchoClient.StreamDatagramsAsync(host, port, input, output, connect.Timeout, token).ConfigureAwait(false)
            : await EchoClient.StreamAsync(host, port, input, output, connect, token).ConfigureAwait(false);
        if (result.ServerClosedEarly)
        {
            return (ExitCode)CommandRunner.Fail(
                console,
                string.Format(Strings.EchoClient_ClosedEarly, EndPointText.Format(result.Server, result.Protocol), result.BytesSent, result.BytesReceived),
                ExitCode.Failure);
        }

        if (result.BytesReceived < result.BytesSent)
        {
            return (ExitCode)CommandRunner.Fail(
                console,
                string.Format(Strings.EchoClient_ClosedShort, EndPointText.Format(result.Server, result.Protocol), result.BytesSent, result.BytesReceived),
                ExitCode.Failure);
        }

        return ExitCode.Success;
    }

    private static async Task<ExitCode> InteractiveAsync(ICliConsole console, string host, int port, bool udp, EchoConnectOptions connect, CancellationToken token)
    {
        await using var session = udp
            ? await EchoSession.OpenAsync(host, port, udp: true, connect.Timeout, token).ConfigureAwait(false)
            : await EchoSession.OpenAsync(host, port, connect, token).ConfigureAwait(false);
        var target = session.RemoteEndPoint is { } remote
            ? EndPointText.Format(remote, session.Protocol)
            : $"{host}:{port}/udp";
        if (session.IsTls)
        {
            target = string.Format(Strings.EchoClient_OverTls, target);
        }

        if (session.Welcome is { } welcome)
        {
            console.Out.WriteLine(PrintableText.Printable(welcome));
        }

        // UDP has no connection: nothing is sent before the first line, so say where the datagrams go.
        console.Out.WriteLine(string.Format(udp ? Strings.EchoClient_UdpReady : Strings.EchoClient_Connected, target));
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
            // Shown, not piped (a redirected stdin takes StreamAsync, byte for byte): the server's bytes are display text.
            console.Out.WriteLine(PrintableText.Printable(Encoding.UTF8.GetString(reply).TrimEnd('\n', '\r')));
            if (reply.Length < bytes.Length)
            {
                return (ExitCode)CommandRunner.Fail(console, string.Format(Strings.EchoClient_ClosedMidLine, target, reply.Length, bytes.Length), ExitCode.Failure);
            }
        }
    }
}
