using Microsoft.Extensions.Logging;

namespace NetProg.Accounts;

/// <summary>How a store is opened. Every default suits the server and the CLI; tests inject a clock.</summary>
public sealed record AccountStoreOptions
{
    /// <summary>Gives <see cref="Account.Created"/> for new accounts. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// PostgreSQL: the longest wait for a connection. Default 5 s; a larger <c>Timeout</c> in the connection string is lowered to
    /// this, so an unreachable server is reported while the user still waits for the answer.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// SQLite: how long a write waits for another writer (another process, another store instance) before it fails as
    /// <see cref="AccountErrorKind.StoreUnavailable"/>. Default 5 s: writes here take milliseconds. Below 1 s it is about 1 s
    /// (Microsoft.Data.Sqlite retries busy statements for at least a second of its own).
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What opening does when the SQLite file is not there. Default <see cref="AccountStoreMode.CreateIfMissing"/> (<c>users add</c>,
    /// the servers); commands that only read or change existing accounts pass <see cref="AccountStoreMode.MustExist"/>, so a
    /// mistyped <c>--db</c> is reported instead of leaving an empty database behind.
    /// </summary>
    public AccountStoreMode Mode { get; init; } = AccountStoreMode.CreateIfMissing;

    /// <summary>
    /// The value of <c>NETPROG_DB</c> (<see cref="AccountStores.EnvironmentVariable"/>) as the command line read it, used when no
    /// <c>--db</c> is given; null or blank: unset. The library reads no environment variable itself. Default: unset.
    /// </summary>
    public string? EnvironmentDb { get; init; }

    /// <summary>Schema migrations and degraded modes (e.g. WAL refused by the file system) are logged here. Default: none.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// Told once per opening when an existing SQLite file (Unix) can be read or written by its group or others, or is owned
    /// by another user: the command line says it in the user's language. Files the store creates itself are owner-only
    /// (0600, in a 0700 folder when it creates the default one). Default: none.
    /// </summary>
    public Action<StoreFileWarning>? FileWarning { get; init; }
}
