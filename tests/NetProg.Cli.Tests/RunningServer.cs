namespace NetProg.Cli.Tests;

/// <summary>A server command running in-process; disposing it stops it as Ctrl+C would.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    // Fields, not primary-constructor parameters: CA2000 sees the stop source stored in a field as handed over to this object
    // (which disposes it), and a captured parameter as lost.
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;

    public RunningServer(TestConsole console, CancellationTokenSource stop, Task<int> run, IReadOnlyList<int> ports)
    {
        Console = console;
        _stop = stop;
        _run = run;
        Ports = ports;
    }

    public TestConsole Console { get; }

    /// <summary>The ports of the <c>listening on</c> lines, in order.</summary>
    public IReadOnlyList<int> Ports { get; }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(Cli.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
