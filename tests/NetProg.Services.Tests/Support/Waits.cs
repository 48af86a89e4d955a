namespace NetProg.Services.Tests.Support;

/// <summary>Upper bounds for every wait: generous for a loaded 2-core CI machine, finite so that a failing test never hangs.</summary>
internal static class Waits
{
    /// <summary>Something the test caused must happen within this (a connect, a reply, a server stopping).</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The timeout handed to the code under test: shorter than <see cref="Long"/>, so that its own deadline fires first, and
    /// a bug that ignores it is still caught by the test's <c>WaitAsync(Long)</c>.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
}
