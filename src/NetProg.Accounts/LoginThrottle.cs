using NetProg.Accounts.Internal;

namespace NetProg.Accounts;

/// <summary>
/// Slows password guessing, per client address and per account name (<see cref="LoginThrottleOptions"/>): after the free
/// failures each further failure refuses attempts for a doubling delay. A refused attempt gets
/// <c>421 too many attempts, try later</c> and costs the server no hash. Unknown names are tracked like real ones, so the
/// throttle does not tell which names exist; names that are not even valid share one key.
/// </summary>
/// <remarks>
/// <para>
/// A per-account block alone lets anyone lock an account's owner out by guessing, for as long as they keep guessing. NIST SP
/// 800-63B §5.2.2 lists, among the ways to keep rate limiting from locking the legitimate subscriber out, accepting
/// attempts from IP addresses at which the subscriber has authenticated successfully before.
/// So an address that logged in to the name within <see cref="LoginThrottleOptions.KnownAddressFor"/> is a known address of
/// that name: the name's block and its in-flight limit do not apply to it, a budget of its own does (the same free failures
/// and delays, counted for that address on that name). Its failures still count against the name, so the name's budget
/// against guessing spread over many addresses holds for every other address; its success forgets only its own failures,
/// not the name's, so the owner logging in does not give a guesser a fresh allowance. The address's own limit applies to
/// every attempt.
/// </para>
/// <para>
/// Not built on System.Threading.RateLimiting: its limiters read Stopwatch time directly (no <see cref="TimeProvider"/>, so a
/// test could only sleep), its token buckets refill at a constant rate where a growing delay is wanted, they count every
/// acquire where only failures should count, and a partitioned limiter keeps a limiter per key with no cap on the number of
/// keys. Here: three bounded tables under one lock, each operation O(1) but for eviction from a full table. Known addresses
/// are added by successes only, so failures from any number of (spoofed or rotated) addresses cannot grow that table.
/// </para>
/// </remarks>
public sealed class LoginThrottle
{
    /// <summary>Key for names that can never be an account; see <see cref="AccountNames"/>.</summary>
    private const string InvalidNameKey = "";

    private readonly TimeProvider clock;
    private readonly long origin;
    private readonly Lock gate = new();
    private readonly ThrottleTable<IPAddress> addresses;
    private readonly ThrottleTable<string> accounts;
    private readonly ThrottleTable<(IPAddress Address, string Account)> known;

    public LoginThrottle(LoginThrottleOptions? options = null, TimeProvider? clock = null)
    {
        Options = options ?? new LoginThrottleOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.FreeFailuresPerAccount, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.FreeFailuresPerAddress, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Options.FirstDelay, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxDelay, Options.FirstDelay, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.ForgetAfter, Options.MaxDelay, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxTrackedKeys, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.KnownAddressFor, TimeSpan.Zero, nameof(options));

        this.clock = clock ?? TimeProvider.System;
        origin = this.clock.GetTimestamp();
        addresses = new ThrottleTable<IPAddress>(Options.MaxTrackedKeys);
        accounts = new ThrottleTable<string>(Options.MaxTrackedKeys);
        known = new ThrottleTable<(IPAddress, string)>(Options.MaxTrackedKeys);
    }

    public LoginThrottleOptions Options { get; }

    internal int TrackedAddresses
    {
        get
        {
            lock (gate)
            {
                return addresses.Count;
            }
        }
    }

    /// <summary>Address-and-name pairs kept: known addresses, and known addresses' own failures.</summary>
    internal int TrackedKnownAddresses
    {
        get
        {
            lock (gate)
            {
                return known.Count;
            }
        }
    }

    internal int TrackedAccounts
    {
        get
        {
            lock (gate)
            {
                return accounts.Count;
            }
        }
    }

    /// <summary>
    /// Lets an attempt by <paramref name="client"/> on <paramref name="account"/> go ahead, or refuses it and says after how long
    /// to try again (the longer of the address's wait and the name's, or, from a known address of the name, that address's
    /// own wait on it). Call it before looking the account up or hashing anything.
    /// </summary>
    /// <returns>The attempt, to be ended when the password has been checked; null when refused.</returns>
    public LoginAttempt? TryBegin(IPAddress client, string account, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(client);
        var addressKey = AddressKey(client);
        var accountKey = AccountNames.IsValid(account) ? account : InvalidNameKey;

        lock (gate)
        {
            var now = Now();
            var address = addresses.GetOrAdd(addressKey, now, Options.ForgetAfter);
            var name = accounts.GetOrAdd(accountKey, now, Options.ForgetAfter);
            if (address is null || name is null)
            {
                // Every tracked key has an attempt in flight: thousands of concurrent logins. Refusing is the safe answer.
                RemoveIdle(addressKey, accountKey, now);
                retryAfter = Options.FirstDelay;
                return null;
            }

            // From a known address of the name, that pair's own budget stands in for the name's (see the remarks).
            var pair = known.Find((addressKey, accountKey)) is { } found && found.KnownUntil > now ? found : null;
            var wait = Wait(address, Options.FreeFailuresPerAddress, now, limitInFlightWhenClean: false);
            var nameWait = Wait(pair ?? name, Options.FreeFailuresPerAccount, now, limitInFlightWhenClean: true);
            if (nameWait > wait)
            {
                wait = nameWait;
            }

            if (wait > TimeSpan.Zero)
            {
                RemoveIdle(addressKey, accountKey, now);
                retryAfter = wait;
                return null;
            }

            address.Pending++;
            name.Pending++;
            if (pair is not null)
            {
                pair.Pending++;
            }

            retryAfter = TimeSpan.Zero;
            return new LoginAttempt(this, address, name, pair, addressKey, accountKey);
        }
    }

    internal void End(LoginAttempt attempt, LoginOutcome outcome)
    {
        lock (gate)
        {
            var now = Now();
            attempt.Address.Pending--;
            attempt.Account.Pending--;
            if (attempt.Known is { } pair)
            {
                pair.Pending--;
            }

            switch (outcome)
            {
                case LoginOutcome.Failed:
                    Fail(attempt.Address, Options.FreeFailuresPerAddress, now);
                    Fail(attempt.Account, Options.FreeFailuresPerAccount, now);
                    if (attempt.Known is { } knownPair)
                    {
                        Fail(knownPair, Options.FreeFailuresPerAccount, now);
                    }

                    break;
                case LoginOutcome.Succeeded:
                    Succeed(attempt, now);
                    break;
            }

            RemoveIdle(attempt.AddressKey, attempt.AccountKey, now);
        }
    }

    /// <summary>
    /// How long <paramref name="entry"/> must wait: the rest of its block; or, while it is not blocked, the first delay if the
    /// attempts already in flight could use up its remaining free failures (at most one in flight once delays have begun).
    /// For addresses the in-flight rule starts only with the first failure (<paramref name="limitInFlightWhenClean"/> false):
    /// a whole classroom behind one NAT address logs in at once at the start of a lab, each student to their own account,
    /// and must not be refused; one account, though, has no reason to log in many times at once.
    /// </summary>
    private TimeSpan Wait(ThrottleEntry entry, int freeFailures, TimeSpan now, bool limitInFlightWhenClean)
    {
        Forget(entry, now);
        if (entry.BlockedUntil > now)
        {
            return entry.BlockedUntil - now;
        }

        if (entry.Failures == 0 && !limitInFlightWhenClean)
        {
            return TimeSpan.Zero;
        }

        return entry.Pending >= Math.Max(1, freeFailures - entry.Failures) ? Options.FirstDelay : TimeSpan.Zero;
    }

    /// <summary>
    /// Forgets the failures of the key that let the attempt in (the name's, or the known pair's), and makes the address known
    /// to the name from now on.
    /// </summary>
    private void Succeed(LoginAttempt attempt, TimeSpan now)
    {
        var admitting = attempt.Known ?? attempt.Account;
        admitting.Failures = 0;
        admitting.BlockedUntil = TimeSpan.Zero;
        if (Options.KnownAddressFor <= TimeSpan.Zero)
        {
            return;
        }

        // Null only when every kept pair has an attempt in flight; the address is then simply not remembered this time.
        if ((attempt.Known ?? known.GetOrAdd((attempt.AddressKey, attempt.AccountKey), now, Options.ForgetAfter)) is { } pair)
        {
            pair.KnownUntil = now + Options.KnownAddressFor;
        }
    }

    private void Fail(ThrottleEntry entry, int freeFailures, TimeSpan now)
    {
        Forget(entry, now);
        entry.Failures = entry.Failures == int.MaxValue ? int.MaxValue : entry.Failures + 1;
        entry.LastFailure = now;
        if (entry.Failures >= freeFailures)
        {
            // FirstDelay · 2^(failures − free), capped; the exponent is capped first so the shift cannot overflow.
            var doublings = Math.Min(entry.Failures - freeFailures, 30);
            var delay = Options.FirstDelay * (1L << doublings);
            entry.BlockedUntil = now + (delay > Options.MaxDelay || delay <= TimeSpan.Zero ? Options.MaxDelay : delay);
        }
    }

    private void Forget(ThrottleEntry entry, TimeSpan now)
    {
        if (entry.Failures > 0 && entry.BlockedUntil <= now && now - entry.LastFailure >= Options.ForgetAfter)
        {
            entry.Failures = 0;
        }
    }

    private void RemoveIdle(IPAddress addressKey, string accountKey, TimeSpan now)
    {
        addresses.RemoveIfIdle(addressKey, now, Options.ForgetAfter);
        accounts.RemoveIfIdle(accountKey, now, Options.ForgetAfter);
        known.RemoveIfIdle((addressKey, accountKey), now, Options.ForgetAfter);
    }

    private TimeSpan Now() => clock.GetElapsedTime(origin);

    /// <summary>
    /// IPv4-mapped IPv6 (a dual-stack socket's view of an IPv4 client) counts as the IPv4 address; other IPv6 addresses count
    /// per /64, the prefix one host or LAN gets (RFC 4291 §2.5.1; SLAAC and privacy addresses rotate the lower 64 bits freely).
    /// </summary>
    internal static IPAddress AddressKey(IPAddress client)
    {
        if (client.IsIPv4MappedToIPv6)
        {
            return client.MapToIPv4();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client;
        }

        Span<byte> bytes = stackalloc byte[16];
        client.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
