namespace NetProg.Transport.Tests.Support;

/// <summary>Upper bounds for every wait: generous for a loaded 2-core CI machine, finite so that a failing test never hangs.</summary>
internal static class Waits
{
    /// <summary>Something the test caused must happen within this (a connect, an echo, a callback).</summary>
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

    /// <summary>True when <paramref name="task"/> completes (in any state) within <paramref name="within"/>.</summary>
    public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan within)
    {
        var winner = await Task.WhenAny(task, Task.Delay(within)).ConfigureAwait(false);
        return winner == task;
    }
}
