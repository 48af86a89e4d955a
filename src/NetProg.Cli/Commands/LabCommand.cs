using System.CommandLine;
using Microsoft.Extensions.Logging;
using NetProg.Accounts;
using NetProg.Services.Login;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Protocols.Time;
using NetProg.Services.Hosting;
using Spectre.Console;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog lab</c>, the main job: time on 30000 and echo on 30001, TCP and UDP, in one process; the commands to try from
/// this machine and from another; a live count of clients served. Ctrl+C stops it.
/// </summary>
internal static class LabCommand
{
    public static Command Create(ICliConsole console)
    {
        var server = new ServerOptionSet(withProtocolChoice: false);
        server.Port.Description = Strings.Lab_Option_Port;
        var db = UsersCommand.DbOption();
        db.Description = Strings.Lab_Option_Db;
        var command = new Command("lab", Strings.Lab_Description);
        server.AddTo(command);
        command.Add(db);
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, token =>
        {
            var shared = new ServedPortsHolder();
            var time = server.Read(result, shared);
            if (time.Port > 65533)
            {
                throw new UsageException(string.Format(Strings.Lab_InvalidPort, time.Port));
            }

            var echo = time with { Port = time.Port == 0 ? 0 : time.Port + 1 };
            // The login echo is TCP only; its own "421 idle timeout" comes before the transport's backstop.
            var login = time with
            {
                Port = time.Port == 0 ? 0 : time.Port + 2,
                Protocols = ProtocolSelection.Tcp,
                Tcp = time.Tcp with { IdleTimeout = time.Tcp.IdleTimeout + TimeSpan.FromSeconds(30) },
            };
            return RunAsync(console, time, echo, login, result.GetValue(db), token);
        }, ct));
        return command;
    }

    private static async Task<ExitCode> RunAsync(ICliConsole console, ServerSettings time, ServerSettings echo, ServerSettings login, string? db, CancellationToken stopping)
    {
        var live = console.IsOutputInteractive;
        var recent = new RecentLines(8);
        // In the live view the per-client lines go into the view: written to the same terminal they would tear it apart.
        using ILoggerProvider provider = live
            ? new LineLoggerProvider((level, line) =>
            {
                if (level >= LogLevel.Warning)
                {
                    console.Error.WriteLine(line);
                }

                recent.Add(line);
            })
            : new LineLoggerProvider(console.Error);
        using var loggers = Logging.Create(provider, time.Quiet);

        console.Out.WriteLine(Strings.Lab_Banner);

        // The default store (or --db, or NETPROG_DB), the one `users add` and `echo-server --login` use: a user added as the
        // tutorial's login chapter shows logs in here too. The account store decides whether a missing folder is created.
        await using var loginServer = await LoginServer.OpenAsync(db, tls: false, null, null, new LoginThrottleOptions(), new LoginEchoOptions { IdleTimeout = time.Tcp.IdleTimeout }, loggers, stopping).ConfigureAwait(false);
        var hosts = await ServerRunner.BindAsync(
            console,
            [
                (ServiceCatalog.Time(TimeFormat.Ctime, appendNul: false, TimeProvider.System), time),
                (ServiceCatalog.Echo(), echo),
                (loginServer.Service, login),
            ],
            loggers,
            stopping).ConfigureAwait(false);

        var timePort = hosts[0].Port;
        var echoPort = hosts[1].Port;
        var loginPort = hosts[2].Port;
        foreach (var line in LabGuide.Lines(new LabPorts(timePort, echoPort, loginPort), ProgramName.Current, loginServer.StoreDescription, db, time.Bind, Diagnostics.LocalAddresses.List()))
        {
            console.Out.WriteLine(line);
        }

        console.Out.Flush();
        var serving = ServerRunner.RunAsync(hosts, stopping);
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Interactive = live ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
        });

        if (live)
        {
            await ansi.Live(LabView.Render(hosts, recent)).StartAsync(async context =>
            {
                while (!serving.IsCompleted)
                {
                    context.UpdateTarget(LabView.Render(hosts, recent));
                    await Task.WhenAny(serving, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None)).ConfigureAwait(false);
                }

                context.UpdateTarget(LabView.Render(hosts, recent));
            }).ConfigureAwait(false);
        }

        await serving.ConfigureAwait(false);
        if (!live)
        {
            // Redirected output cannot show a live view (it would append a copy per refresh): one final table instead.
            ansi.Write(LabView.Render(hosts, recent: null));
        }

        return ExitCode.Success;
    }
}
