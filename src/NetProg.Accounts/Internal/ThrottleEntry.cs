namespace NetProg.Accounts.Internal;

/// <summary>What <see cref="LoginThrottle"/> knows about one address or name; times are since the throttle started. Guarded by the throttle's lock.</summary>
internal sealed class ThrottleEntry
{
    public int Failures { get; set; }

    /// <summary>Attempts let through and not finished yet; while any is pending the entry is never evicted.</summary>
    public int Pending { get; set; }

    public TimeSpan LastFailure { get; set; }

    public TimeSpan BlockedUntil { get; set; }

    /// <summary>Nothing worth keeping: no attempt in flight, no block running, and failures (if any) are old enough to forget.</summary>
    public bool IsIdle(TimeSpan now, TimeSpan forgetAfter) =>
        Pending == 0 && BlockedUntil <= now && (Failures == 0 || now - LastFailure >= forgetAfter);
}
