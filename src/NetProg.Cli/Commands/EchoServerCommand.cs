using System.CommandLine;
using Microsoft.Extensions.Logging;
using NetProg.Accounts;
using NetProg.Cli.Infrastructure;
using NetProg.Services.Hosting;

namespace NetProg.Cli.Commands;

/// <summary><c>netprog echo-server [--port 30000] [--bind ADDR] [--udp | --both] [--login [--db ...] [--tls ...]]</c></summary>
internal static class EchoServerCommand
{
    public static Command Create(ICliConsole console)
    {
        var server = new ServerOptionSet();
        var login = new LoginOptionSet();
        var command = new Command("echo-server", Strings.EchoServer_Description);
        server.AddTo(command);
        login.AddTo(command);
        command.SetAction((result, ct) =>
        {
            var settings = server.Read(result);
            if (!result.GetValue(login.Login))
            {
                if (result.GetValue(login.Tls) || result.GetValue(login.Db) is not null)
                {
                    return Task.FromResult(CommandRunner.Fail(console, Strings.EchoServer_TlsWithoutLogin, ExitCode.Usage));
                }

                return CommandRunner.RunAsync(console, token => ServeCommand.ServeAsync(console, [(ServiceCatalog.Echo(), settings)], settings.Quiet, token), ct);
            }

            if (settings.Protocols != ProtocolSelection.Tcp)
            {
                return Task.FromResult(CommandRunner.Fail(console, Strings.EchoServer_LoginTcpOnly, ExitCode.Usage));
            }

            return CommandRunner.RunAsync(console, token => ServeLoginAsync(console, settings, login, result, token), ct);
        });
        return command;
    }

    private static async Task<ExitCode> ServeLoginAsync(ICliConsole console, ServerSettings settings, LoginOptionSet login, ParseResult result, CancellationToken stopping)
    {
        using var provider = new LineLoggerProvider(console.Error);
        using var loggers = Logging.Create(provider, settings.Quiet);
        var tls = result.GetValue(login.Tls);
        var throttle = login.ReadThrottle(result);
        await using var server = await LoginServer.OpenAsync(
            result.GetValue(login.Db), tls, result.GetValue(login.TlsCert), result.GetValue(login.TlsKey), throttle, login.ReadEcho(result, settings.Tcp.IdleTimeout), loggers, stopping).ConfigureAwait(false);
        foreach (var line in server.Describe())
        {
            console.Out.WriteLine(line);
        }

        // The service says "421 idle timeout" itself; the transport's own idle limit is only the backstop behind it.
        var transport = settings with { Tcp = settings.Tcp with { IdleTimeout = settings.Tcp.IdleTimeout + TimeSpan.FromSeconds(30) } };
        var hosts = await ServerRunner.BindAsync(console, [(server.Service, transport)], loggers, stopping).ConfigureAwait(false);
        if (LoginServer.CrossesNetworkInClear(hosts.SelectMany(h => h.Listening).Select(l => l.EndPoint), tls))
        {
            CliLog.PasswordsInClear(loggers.CreateLogger("login"));
        }

        await ServerRunner.RunAsync(hosts, stopping).ConfigureAwait(false);
        return ExitCode.Success;
    }
}
