namespace NetProg.Accounts.Tests.Support;

/// <summary>
/// Real Argon2id PHC strings at the smallest cost, for store tests that need valid hashes but do not test hashing: the
/// default 19 MiB would spend seconds of a 2-core machine on nothing.
/// </summary>
internal static class CheapHashes
{
    public static readonly PasswordHasherOptions Options = new() { Parameters = new Argon2Parameters(MemoryKiB: 64, Iterations: 1, Parallelism: 1) };

    private static readonly PasswordHasher Hasher = new(Options);

    public static Task<string> HashAsync(string password) => Hasher.HashAsync(password);
}
