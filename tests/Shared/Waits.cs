using System.Diagnostics;

namespace NetProg.Tests.Shared;

/// <summary>Upper bounds for every wait: generous for a loaded 2-core CI machine, finite so that a failing test never hangs.</summary>
public static class Waits
{
    /// <summary>Something the test caused must happen within this (a connect, an echo, a callback, a server stopping).</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The timeout handed to the code under test: shorter than <see cref="Long"/>, so that its own deadline fires first, and
    /// a bug that ignores it is still caught by the test's <c>WaitAsync(Long)</c>.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a negative check waits for something that must NOT happen (a reply to a dropped datagram, a send that flow
    /// control must hold back). Bounded: it can only make the test slower, never hang it.
    /// </summary>
    public static readonly TimeSpan Negative = TimeSpan.FromMilliseconds(500);

    /// <summary>A line a running program prints in reaction to something the test did.</summary>
    public static readonly TimeSpan Line = TimeSpan.FromSeconds(15);

    /// <summary>A client that has everything it needs runs to its end (includes .NET start-up).</summary>
    public static readonly TimeSpan Exit = TimeSpan.FromSeconds(30);

    /// <summary>Work slow by design: password hashing at full cost, a database round trip on a loaded machine.</summary>
    public static readonly TimeSpan Slow = TimeSpan.FromSeconds(30);

    /// <summary>Starting or stopping a throwaway PostgreSQL server (pg_ctl's own -t is 30 s).</summary>
    public static readonly TimeSpan Server = TimeSpan.FromSeconds(60);

    /// <summary>True when <paramref name="task"/> completes (in any state) within <paramref name="within"/>.</summary>
    public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan within)
    {
        var winner = await Task.WhenAny(task, Task.Delay(within)).ConfigureAwait(false);
        return winner == task;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> after <paramref name="within"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan within, string what = "the condition")
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{what} did not hold within {within.TotalSeconds:0.#} s");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }
}
