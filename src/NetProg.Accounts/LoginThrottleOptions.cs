namespace NetProg.Accounts;

/// <summary>
/// Brute-force limits of <see cref="LoginThrottle"/>, kept separately per client address and per account name. Failures up to
/// the free allowance cost nothing; each further failure refuses the next attempt for <see cref="FirstDelay"/>, then twice as
/// long after every further failure, up to <see cref="MaxDelay"/>. A key with no failure for <see cref="ForgetAfter"/> starts
/// over. Each default is meant to become a server flag.
/// </summary>
public sealed record LoginThrottleOptions
{
    /// <summary>Failed logins on one account name, from anywhere, before delays start. Default 5 (typos, a forgotten caps lock).</summary>
    public int FreeFailuresPerAccount { get; init; } = 5;

    /// <summary>
    /// Failed logins from one client address, on any names, before delays start. Default 20: higher than per account, since a
    /// whole classroom can share one NAT address. IPv6 clients count per /64, which one host can fill with addresses.
    /// </summary>
    public int FreeFailuresPerAddress { get; init; } = 20;

    /// <summary>The first refusal after the free failures. Default 1 s.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on the doubling delay. Default 60 s: about 1,400 guesses a day per account at most, while its owner is locked out for a minute at worst.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A key's failures are forgotten once it had none for this long. Default 15 min; at least <see cref="MaxDelay"/>.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The most addresses, and separately the most names, tracked at once. Default 10,000 each (about 1 MB). When full, a new
    /// key replaces the tracked one with the fewest failures, so a spray of new names or addresses cannot push out the
    /// keys that are under attack.
    /// </summary>
    public int MaxTrackedKeys { get; init; } = 10_000;
}
