namespace NetProg.Accounts;

/// <summary>
/// Brute-force limits of <see cref="LoginThrottle"/>, kept separately per client address and per account name. Failures up to
/// the free allowance cost nothing; each further failure refuses the next attempt for <see cref="FirstDelay"/>, then twice as
/// long after every further failure, up to <see cref="MaxDelay"/>. A key with no failure for <see cref="ForgetAfter"/> starts
/// over. An address the name's owner logged in from lately is held to a budget of its own instead of the name's
/// (<see cref="KnownAddressFor"/>). Each default is meant to become a server flag.
/// </summary>
public sealed record LoginThrottleOptions
{
    /// <summary>
    /// Failed logins on one account name, from anywhere, before delays start; also each known address's own allowance on
    /// that name. Default 5 (typos, a forgotten caps lock).
    /// </summary>
    public int FreeFailuresPerAccount { get; init; } = 5;

    /// <summary>
    /// Failed logins from one client address, on any names, before delays start. Default 20: higher than per account, since a
    /// whole classroom can share one NAT address. IPv6 clients count per /64, which one host can fill with addresses.
    /// </summary>
    public int FreeFailuresPerAddress { get; init; } = 20;

    /// <summary>The first refusal after the free failures. Default 1 s.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on the doubling delay. Default 60 s: about 1,400 guesses a day per account at most; its owner, from an address known by a recent login, is not held to it.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A key's failures are forgotten once it had none for this long. Default 15 min; at least <see cref="MaxDelay"/>.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The most addresses, the most names, and the most known address-and-name pairs, tracked at once. Default 10,000 each
    /// (about 1.5 MB in all). When full, a new key replaces the tracked one with the fewest failures (the least recently active
    /// among equals), so a spray of new names or addresses cannot push out the keys that are under attack. Known pairs are
    /// made by successful logins only.
    /// </summary>
    public int MaxTrackedKeys { get; init; } = 10_000;

    /// <summary>
    /// How long a successful login makes its address (IPv6: its /64) a known address of that name, to which the name's own
    /// block does not apply (guessing from elsewhere cannot lock the owner out; see <see cref="LoginThrottle"/>). Default 7 days:
    /// a weekly lab's students stay known from one session to the next; kept in memory only, so a restart forgets it. Zero:
    /// no address is ever known, every attempt is held to the name's block.
    /// </summary>
    public TimeSpan KnownAddressFor { get; init; } = TimeSpan.FromDays(7);
}
