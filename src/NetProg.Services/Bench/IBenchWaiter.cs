namespace NetProg.Services.Bench;

/// <summary>A connection the <see cref="BenchWatchdog"/> watches.</summary>
internal interface IBenchWaiter
{
    /// <summary>Stopwatch timestamp since which it waits for the peer; 0 when it waits for nothing.</summary>
    long WaitingSince { get; }

    /// <summary>Called (on the watchdog's thread) when it waited longer than the timeout.</summary>
    void Expire();
}
