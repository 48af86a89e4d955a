namespace NetProg.Integration.Tests.Harness;

/// <summary>Upper bounds for every wait: generous for a loaded CI machine, finite so a failing test never hangs.</summary>
public static class Timeouts
{
    /// <summary>A line a running program prints in reaction to something the test did.</summary>
    public static readonly TimeSpan Line = TimeSpan.FromSeconds(15);

    /// <summary>A client that has everything it needs runs to its end (includes .NET start-up).</summary>
    public static readonly TimeSpan Exit = TimeSpan.FromSeconds(30);
}
