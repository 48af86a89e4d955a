namespace NetProg.Accounts;

/// <summary>
/// Argon2id cost parameters (RFC 9106 §3.1). They are written into every hash (PHC string), so raising them later only
/// affects new hashes, and each old one is upgraded at its user's next successful login (<see cref="PasswordVerification.NeedsRehash"/>).
/// Accepted ranges, also when read back from a stored hash: 1 ≤ p ≤ 64, 8·p ≤ m ≤ 1 GiB, 1 ≤ t ≤ 100 — a corrupt or hostile
/// row cannot make the server allocate or spin without bound.
/// </summary>
/// <param name="MemoryKiB">m, in KiB.</param>
/// <param name="Iterations">t, passes over the memory.</param>
/// <param name="Parallelism">p, lanes; also threads while hashing.</param>
public readonly record struct Argon2Parameters(int MemoryKiB, int Iterations, int Parallelism)
{
    internal const int MaxMemoryKiB = 1024 * 1024;
    internal const int MaxIterations = 100;
    internal const int MaxParallelism = 64;

    /// <summary>
    /// m = 19 MiB, t = 2, p = 1: the OWASP Password Storage Cheat Sheet's first Argon2id configuration. RFC 9106's first
    /// recommendation (m = 2 GiB) is for dedicated machines; a server hashing for many clients on 2 cores needs a small m
    /// (measured on a 2-core development VM with Konscious.Security.Cryptography.Argon2 1.3.1: m = 64 MiB already costs
    /// ~350 ms and a 430 MiB peak in a loop).
    /// </summary>
    public static Argon2Parameters Default { get; } = new(19 * 1024, 2, 1);

    public bool IsValid =>
        Parallelism is >= 1 and <= MaxParallelism &&
        MemoryKiB >= 8 * Parallelism && MemoryKiB <= MaxMemoryKiB &&
        Iterations is >= 1 and <= MaxIterations;

    public override string ToString() => $"m={MemoryKiB},t={Iterations},p={Parallelism}";
}
