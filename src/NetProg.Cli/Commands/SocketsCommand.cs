using System.CommandLine;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;
using Spectre.Console;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog sockets [--listening] [--tcp|--udp] [--port N] [--watch] [--json]</c>: this machine's TCP and UDP
/// sockets with their owning processes, like <c>netstat -na</c>, <c>ss -tulpn</c> (ss(8)) and Sysinternals TCPView.
/// </summary>
internal static class SocketsCommand
{
    // TCPView's default refresh (its page on learn.microsoft.com, Sysinternals).
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private static Option<bool> ListeningOption() => new("--listening", "-l")
    {
        Description = Strings.Sockets_Option_Listening,
    };

    private static Option<bool> TcpOption() => new("--tcp", "-t") { Description = Strings.Sockets_Option_Tcp };

    private static Option<bool> UdpOption() => new("--udp", "-u") { Description = Strings.Sockets_Option_Udp };

    private static Option<int?> PortOption() => new("--port")
    {
        Description = Strings.Sockets_Option_Port,
        HelpName = "N",
        CustomParser = CommonOptions.ParseOptionalPort,
    };

    private static Option<bool> WatchOption() => new("--watch")
    {
        Description = Strings.Sockets_Option_Watch,
    };

    private static Option<bool> JsonOption() => new("--json")
    {
        Description = Strings.Sockets_Option_Json,
    };

    public static Command Create(ICliConsole console) => Create(console, SocketTables.ForCurrentOs);

    /// <summary>The same command over another table (tests); <paramref name="table"/> is called once per run.</summary>
    public static Command Create(ICliConsole console, Func<ISocketTable> table)
    {
        // New options per command (not shared statics): System.CommandLine records each option's parent command.
        var listening = ListeningOption();
        var tcpOption = TcpOption();
        var udpOption = UdpOption();
        var port = PortOption();
        var watch = WatchOption();
        var json = JsonOption();
        var command = new Command("sockets", Strings.Sockets_Description)
        {
            listening, tcpOption, udpOption, port, watch, json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, token =>
        {
            var tcp = result.GetValue(tcpOption);
            var udp = result.GetValue(udpOption);
            var filter = new SocketFilter(
                ListeningOnly: result.GetValue(listening),
                Protocol: tcp == udp ? null : tcp ? PortProtocol.Tcp : PortProtocol.Udp,
                Port: result.GetValue(port));
            return RunAsync(console, table(), filter, result.GetValue(watch), result.GetValue(json), token);
        }, ct));
        return command;
    }

    private static async Task<ExitCode> RunAsync(ICliConsole console, ISocketTable table, SocketFilter filter, bool watch, bool json, CancellationToken token)
    {
        // The Linux fd scan can take most of a second on a busy machine: keep it off the caller's thread.
        var snapshot = await SnapshotAsync(table, filter, token).ConfigureAwait(false);
        if (json)
        {
            SocketJson.Write(console.Out, snapshot);
            return ExitCode.Success;
        }

        var live = watch && console.IsOutputInteractive;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Interactive = live ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
        });

        if (!live)
        {
            // Redirected output cannot show a live view (Spectre would append a copy per refresh): one snapshot, wide
            // enough that no row wraps for grep.
            ansi.Profile.Width = Math.Max(ansi.Profile.Width, 200);
            ansi.Write(SocketTableView.Render(SocketDiff.Compare(snapshot, snapshot), colour: false));
            console.Out.WriteLine(SocketTableView.Summary(snapshot));
            return ExitCode.Success;
        }

        try
        {
            await ansi.Live(SocketTableView.Render(SocketDiff.Compare(snapshot, snapshot), colour: true))
                .Overflow(VerticalOverflow.Ellipsis)
                .Cropping(VerticalOverflowCropping.Bottom)
                .StartAsync(async context =>
                {
                    var previous = snapshot;
                    while (true)
                    {
                        await Task.Delay(RefreshInterval, token).ConfigureAwait(false);
                        var current = await SnapshotAsync(table, filter, token).ConfigureAwait(false);

                        // Diffing against the previous snapshot shows a closed socket exactly once, in red.
                        context.UpdateTarget(new Rows(
                            SocketTableView.Render(SocketDiff.Compare(previous, current), colour: true),
                            new Text(SocketTableView.Summary(current) + Strings.Sockets_CtrlC)));
                        previous = current;
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ctrl+C is how --watch ends: the last table stays on screen, and that is success.
        }

        return ExitCode.Success;
    }

    // The table is asked for the filter's sockets (Linux asks the kernel for listeners only with --listening --tcp).
    private static async Task<IReadOnlyList<SocketEntry>> SnapshotAsync(ISocketTable table, SocketFilter filter, CancellationToken token) =>
        await Task.Run(() => table.Snapshot(filter), token).ConfigureAwait(false);
}
