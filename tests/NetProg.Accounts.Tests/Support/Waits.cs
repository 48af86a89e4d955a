namespace NetProg.Accounts.Tests.Support;

/// <summary>Upper bounds for every wait: generous for a loaded 2-core CI machine, finite so that a failing test never hangs.</summary>
internal static class Waits
{
    /// <summary>Something the test caused must happen within this.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    /// <summary>Starting or stopping a throwaway PostgreSQL server (pg_ctl's own -t is 30 s).</summary>
    public static readonly TimeSpan Server = TimeSpan.FromSeconds(60);
}
