namespace NetProg.Cli.Tests;

/// <summary>Runs netprog in-process, as <c>Main</c> would, against a <see cref="TestConsole"/>.</summary>
internal static partial class Cli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<(int Exit, TestConsole Console)> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        var exit = await CliApp.RunAsync(args, console, CancellationToken.None).WaitAsync(Timeout);
        return (exit, console);
    }

    /// <summary>Starts a server command and waits for its <c>listening on</c> lines.</summary>
    public static async Task<RunningServer> StartAsync(int expectedSockets, params string[] args)
    {
        var console = new TestConsole();
        var stop = new CancellationTokenSource();
        try
        {
            var run = CliApp.RunAsync(args, console, stop.Token);
            var text = await console.OutWriter.WaitForAsync(t => ListeningRegex().Count(t) >= expectedSockets || run.IsCompleted, Timeout);
            if (run.IsCompleted)
            {
                throw new InvalidOperationException($"server exited with {await run}: {console.ErrorWriter.Text}");
            }

            var ports = ListeningRegex().Matches(text).Select(m => int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return new RunningServer(console, stop, run, ports);
        }
        catch
        {
            stop.Dispose();
            throw;
        }
    }

    [GeneratedRegex(@"^listening on (?<addr>\S+):(?<port>\d+)/(?<proto>tcp|udp)$", RegexOptions.Multiline)]
    public static partial Regex ListeningRegex();
}
