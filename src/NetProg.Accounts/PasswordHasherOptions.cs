namespace NetProg.Accounts;

/// <summary>How <see cref="PasswordHasher"/> hashes.</summary>
public sealed record PasswordHasherOptions
{
    /// <summary>For new hashes, and the standard old ones are compared with. Default: <see cref="Argon2Parameters.Default"/>.</summary>
    public Argon2Parameters Parameters { get; init; } = Argon2Parameters.Default;

    /// <summary>
    /// Hashes computed at once; more callers wait their turn. Default: the processor count, so a burst of logins occupies at
    /// most every core (and <c>MaxConcurrency × m</c> of memory) while the other thread-pool work, echo traffic of users
    /// already logged in, keeps getting threads.
    /// </summary>
    public int MaxConcurrency { get; init; } = Environment.ProcessorCount;
}
