namespace NetProg.Accounts;

/// <summary>
/// Where accounts live: an SQLite file or a PostgreSQL database (<see cref="AccountStores.OpenAsync"/>). Every method validates
/// the name first (<see cref="AccountErrorKind.InvalidName"/>), runs each write in one transaction, and reports failures as
/// <see cref="AccountException"/> with a one-line message; cancellation surfaces as <see cref="OperationCanceledException"/>.
/// Safe to call concurrently, also from several store instances or processes on one database.
/// </summary>
public interface IAccountStore : IAsyncDisposable
{
    /// <summary>Which database this is, for people: <c>SQLite /path/accounts.db</c> or <c>PostgreSQL host:port/db</c> (never a password).</summary>
    string Description { get; }

    /// <summary>Adds an account created now; <see cref="AccountErrorKind.Duplicate"/> if the name is taken.</summary>
    /// <param name="passwordHash">A PHC string from <see cref="PasswordHasher"/>; anything else is refused with <see cref="ArgumentException"/>.</param>
    Task AddAsync(string name, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Removes the account; <see cref="AccountErrorKind.NotFound"/> if there is none.</summary>
    Task RemoveAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Replaces the hash (a new password, or a rehash with raised parameters); <see cref="AccountErrorKind.NotFound"/> if there is no such account.</summary>
    Task SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>The account, or null if there is none.</summary>
    Task<Account?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every account, ordered by name (ordinal).</summary>
    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a login attempt on an existing account: a success sets <see cref="Account.LastLogin"/> to <paramref name="at"/> and
    /// resets <see cref="Account.FailedAttempts"/>; a failure adds one to it. <see cref="AccountErrorKind.NotFound"/> if there is no
    /// such account (attempts on unknown names belong to <see cref="LoginThrottle"/>, not to the store).
    /// </summary>
    Task RecordLoginAsync(string name, bool success, DateTimeOffset at, CancellationToken cancellationToken = default);
}
