namespace NetProg.Accounts.Internal;

/// <summary>
/// What <see cref="LoginThrottle"/> knows about one address, one name, or one address's logins to one name; times are since the
/// throttle started. Guarded by the throttle's lock.
/// </summary>
internal sealed class ThrottleEntry
{
    public int Failures { get; set; }

    /// <summary>Attempts let through and not finished yet; while any is pending the entry is never evicted.</summary>
    public int Pending { get; set; }

    public TimeSpan LastFailure { get; set; }

    public TimeSpan BlockedUntil { get; set; }

    /// <summary>For an address's entry under one name: until when its last success makes it a known address of that name.</summary>
    public TimeSpan KnownUntil { get; set; }

    /// <summary>The later of the last failure and the end of the known period: which of two otherwise equal entries is older.</summary>
    public TimeSpan LastActive => LastFailure > KnownUntil ? LastFailure : KnownUntil;

    /// <summary>
    /// Nothing worth keeping: no attempt in flight, no block running, no success recent enough to count, and failures (if
    /// any) old enough to forget.
    /// </summary>
    public bool IsIdle(TimeSpan now, TimeSpan forgetAfter) =>
        Pending == 0 && BlockedUntil <= now && KnownUntil <= now && (Failures == 0 || now - LastFailure >= forgetAfter);
}
