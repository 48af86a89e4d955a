namespace NetProg.Cli.Tests;

/// <summary>A server command running in-process; disposing it stops it as Ctrl+C would.</summary>
internal sealed class RunningServer(TestConsole console, CancellationTokenSource stop, Task<int> run, IReadOnlyList<int> ports) : IAsyncDisposable
{
    public TestConsole Console => console;

    /// <summary>The ports of the <c>listening on</c> lines, in order.</summary>
    public IReadOnlyList<int> Ports => ports;

    public async Task<int> StopAsync()
    {
        await stop.CancelAsync();
        return await run.WaitAsync(Cli.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!run.IsCompleted)
        {
            await StopAsync();
        }

        stop.Dispose();
    }
}
