using NetProg.Accounts.Internal;

namespace NetProg.Accounts;

/// <summary>
/// A login attempt that <see cref="LoginThrottle.TryBegin"/> let through. Until it ends it counts against its address and name
/// as a possible failure, so a burst of parallel attempts cannot all slip in before the first failure is recorded. End it
/// with <see cref="Succeeded"/> or <see cref="Failed"/> once the password is checked; disposing it without either (the client
/// left first) releases it without counting anything.
/// </summary>
public sealed class LoginAttempt : IDisposable
{
    private readonly LoginThrottle owner;
    private int ended;

    internal LoginAttempt(LoginThrottle owner, ThrottleEntry address, ThrottleEntry account, ThrottleEntry? known, System.Net.IPAddress addressKey, string accountKey)
    {
        this.owner = owner;
        Address = address;
        Account = account;
        Known = known;
        AddressKey = addressKey;
        AccountKey = accountKey;
    }

    internal ThrottleEntry Address { get; }

    internal ThrottleEntry Account { get; }

    /// <summary>The address's entry under the name when it is a known address of the name (it logged in recently); else null.</summary>
    internal ThrottleEntry? Known { get; }

    internal System.Net.IPAddress AddressKey { get; }

    internal string AccountKey { get; }

    /// <summary>
    /// The password was right: the address becomes a known address of the name, and the failures of the key that let the
    /// attempt in are forgotten: the name's, or, from an address already known, that address's own on the name (the name's
    /// stay, so the owner's login gives a guesser elsewhere no fresh allowance). The address's are never forgotten here: an
    /// attacker must not clear them by logging into an account of their own.
    /// </summary>
    public void Succeeded() => End(LoginOutcome.Succeeded);

    /// <summary>The password was wrong, or the name unknown: one failure for the address and for the name (and for a known address on that name).</summary>
    public void Failed() => End(LoginOutcome.Failed);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref ended, 1) == 0)
        {
            owner.End(this, LoginOutcome.Abandoned);
        }
    }

    private void End(LoginOutcome outcome)
    {
        if (Interlocked.Exchange(ref ended, 1) != 0)
        {
            throw new InvalidOperationException("This login attempt has already ended.");
        }

        owner.End(this, outcome);
    }
}
