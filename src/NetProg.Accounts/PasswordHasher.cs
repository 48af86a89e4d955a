using System.Security.Cryptography;
using NetProg.Accounts.Internal;

namespace NetProg.Accounts;

/// <summary>
/// Argon2id password hashing (RFC 9106) with a fresh 16-byte random salt per hash and a 32-byte tag, stored as a PHC string
/// that carries its own parameters. Every hash runs on the thread pool behind a gate of
/// <see cref="PasswordHasherOptions.MaxConcurrency"/>, so a caller on the I/O path only awaits, and a burst of logins queues
/// here instead of taking every thread from connections that are already logged in.
/// </summary>
/// <remarks>Never logs, keeps or returns a password; the UTF-8 bytes of each one are wiped after hashing.</remarks>
public sealed class PasswordHasher : IDisposable
{
    internal const int SaltBytes = 16;
    internal const int HashBytes = 32;

    private readonly SemaphoreSlim gate;

    /// <summary>
    /// Stands in for the hash of an unknown (or unreadable) account: random salt and tag under the current parameters. Checking a
    /// password against it costs what checking a real one costs, so "no such user" and "wrong password" take the same time
    /// (no name enumeration by timing), and it matches no password (2^-256).
    /// </summary>
    private readonly PhcHash dummy;

    private int running;
    private int peakRunning;

    public PasswordHasher(PasswordHasherOptions? options = null)
    {
        Options = options ?? new PasswordHasherOptions();
        if (!Options.Parameters.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Parameters, "Argon2 parameters out of range (1 <= p <= 64, 8p <= m <= 1 GiB, 1 <= t <= 100)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxConcurrency, 1, nameof(options));
        gate = new SemaphoreSlim(Options.MaxConcurrency, Options.MaxConcurrency);
        dummy = new PhcHash(Options.Parameters, RandomNumberGenerator.GetBytes(SaltBytes), RandomNumberGenerator.GetBytes(HashBytes));
    }

    public PasswordHasherOptions Options { get; }

    /// <summary>The most hashes that ever ran at once (tests check the gate with it).</summary>
    internal int PeakConcurrency => Volatile.Read(ref peakRunning);

    /// <summary>A new PHC string for <paramref name="password"/> under the current parameters.</summary>
    public Task<string> HashAsync(string password, CancellationToken cancellationToken = default)
    {
        // No account has an empty password: Konscious's Argon2 cannot hash one (RFC 9106 would allow it), and `users add`
        // refuses it anyway.
        ArgumentException.ThrowIfNullOrEmpty(password);
        return RunGatedAsync(
            () =>
            {
                var salt = RandomNumberGenerator.GetBytes(SaltBytes);
                var hash = Argon2Kernel.Derive(password, salt, Options.Parameters, HashBytes);
                return PhcString.Format(Options.Parameters, salt, hash);
            },
            cancellationToken);
    }

    /// <summary>
    /// Checks <paramref name="password"/> against a stored PHC string, using the parameters written in it. For an unknown
    /// account pass null: the check then runs against a dummy hash at full cost and fails. A malformed stored string fails the
    /// same way, at the same cost, and never throws.
    /// </summary>
    public Task<PasswordVerification> VerifyAsync(string password, string? storedHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        var known = PhcString.TryParse(storedHash, out var stored);
        var target = known ? stored : dummy;

        // An empty password ("PASS" alone) can match no account (see HashAsync), but it costs a full derivation like any
        // other failure; Konscious throws on a zero-length input, so a one-byte stand-in is derived instead.
        var empty = password.Length == 0;
        return RunGatedAsync(
            () =>
            {
                var computed = Argon2Kernel.Derive(empty ? "\0" : password, target.Salt, target.Parameters, target.Hash.Length);

                // Constant time: how many leading bytes matched must not show in the timing.
                var matches = CryptographicOperations.FixedTimeEquals(computed, target.Hash);
                if (!known || !matches || empty)
                {
                    return PasswordVerification.Failed;
                }

                var current = target.Parameters == Options.Parameters && target.Salt.Length == SaltBytes && target.Hash.Length == HashBytes;
                return new PasswordVerification(Succeeded: true, NeedsRehash: !current);
            },
            cancellationToken);
    }

    public void Dispose() => gate.Dispose();

    private async Task<T> RunGatedAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Task.Run even though the caller is already async: Argon2 is pure CPU for tens of milliseconds and must not run
            // on the caller's thread, which may be a connection's receive loop.
            return await Task.Run(
                () =>
                {
                    var now = Interlocked.Increment(ref running);
                    try
                    {
                        RecordPeak(now);
                        return work();
                    }
                    finally
                    {
                        Interlocked.Decrement(ref running);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private void RecordPeak(int now)
    {
        var peak = Volatile.Read(ref peakRunning);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref peakRunning, now, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }
    }
}
