namespace NetProg.Services.Bench;

/// <summary>
/// One client connection of a run (or one UDP socket), as the runner starts it and the <see cref="BenchWatchdog"/> watches it:
/// it records into the run's <see cref="BenchRecorder"/> and says since when it waits for the server.
/// </summary>
internal abstract class BenchLoad(int index, BenchOptions options, IPEndPoint target, BenchRecorder recorder)
{
    private long _waitingSince;

    /// <summary>Stopwatch timestamp since which it waits for the server; 0 when it waits for nothing.</summary>
    public long WaitingSince => Volatile.Read(ref _waitingSince);

    /// <summary>The connection's number in the run: its latency histogram and its pattern's seed.</summary>
    protected int Index { get; } = index;

    protected BenchOptions Options { get; } = options;

    protected IPEndPoint Target { get; } = target;

    protected BenchRecorder Recorder { get; } = recorder;

    /// <summary>Runs until the run stops or the server is found to be something else.</summary>
    public abstract Task RunAsync(BenchWatchdog watchdog, CancellationToken stop);

    /// <summary>Called (on the watchdog's thread) when it waited longer than the timeout.</summary>
    public abstract void Expire();

    /// <summary>Waiting starts (a timestamp), or stops (0).</summary>
    protected void WaitFrom(long timestamp) => Volatile.Write(ref _waitingSince, timestamp);

    /// <summary>A send: the clock starts unless something sent earlier is already waited for.</summary>
    protected void WaitFromIfIdle(long timestamp)
    {
        if (WaitingSince == 0)
        {
            WaitFrom(timestamp);
        }
    }
}
