namespace NetProg.Accounts;

/// <summary>Why an account operation failed, in the few classes a caller acts on differently (the CLI maps each to words and an exit code).</summary>
public enum AccountErrorKind
{
    /// <summary>An account with that name already exists (names are case-sensitive: <c>Alice</c> and <c>alice</c> are two accounts).</summary>
    Duplicate,

    /// <summary>No account has that name.</summary>
    NotFound,

    /// <summary>The name is not 1–32 characters of <c>[A-Za-z0-9._-]</c>; see <see cref="AccountNames"/>.</summary>
    InvalidName,

    /// <summary>
    /// The store cannot be used: the SQLite file cannot be opened or stays locked, PostgreSQL is unreachable or refuses us,
    /// or the schema was written by a newer netprog. Retrying later may help; the message says what to check.
    /// </summary>
    StoreUnavailable,

    /// <summary>
    /// Opened with <see cref="AccountStoreMode.MustExist"/> and the SQLite file is not there (nobody added a user yet, or the path
    /// is mistyped); nothing was created. <see cref="AccountException.StorePath"/> names the file.
    /// </summary>
    StoreMissing,

    /// <summary>The <c>--db</c> / <c>NETPROG_DB</c> value cannot be understood (e.g. a malformed <c>postgres://</c> URI).</summary>
    InvalidLocation,
}
