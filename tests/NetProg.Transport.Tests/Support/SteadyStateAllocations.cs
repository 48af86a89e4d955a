namespace NetProg.Transport.Tests.Support;

/// <summary>
/// The target "no allocation per message in steady state" (docs/BENCHMARKS.md, "Targets"), measured the same way for
/// every transport: the bytes the whole process allocates (<see cref="GC.GetTotalAllocatedBytes"/>, precise) while a
/// client whose own calls allocate nothing (blocking sends and receives on spans) does many round trips, on a thread of
/// its own (no tasks, no thread-pool work items of its own), in the non-parallel collection, so the count is the
/// server's.
/// </summary>
internal static class SteadyStateAllocations
{
    /// <summary>Round trips to warm up first: JIT tiers, pooled blocks, the state machines' boxes, per-source caches.</summary>
    public const int WarmUp = 2_000;

    /// <summary>Round trips per measured window.</summary>
    public const int PerWindow = 5_000;

    // Windows of PerWindow each; the least allocating one counts. An allocation per message shows in every window; the
    // runtime's background work (tiered JIT recompiling hot methods, a timer, a thread-pool thread starting) in some.
    public const int Windows = 6;

    /// <summary>
    /// Runs <paramref name="roundTrips"/>(n) for <see cref="WarmUp"/>, then for <see cref="Windows"/> windows of
    /// <see cref="PerWindow"/>, on a new thread; returns the bytes allocated in the least allocating window. Rethrows what
    /// the round trips threw; fails when they take over a minute.
    /// </summary>
    public static long LeastPerWindow(Action<int> roundTrips)
    {
        long least = long.MaxValue;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                roundTrips(WarmUp);
                for (var window = 0; window < Windows; window++)
                {
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    roundTrips(PerWindow);
                    least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("the round trips did not finish within a minute");
        }

        return failure is null ? least : throw new InvalidOperationException("a round trip failed", failure);
    }
}
