using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace NetProg.Accounts.Internal;

/// <summary>
/// Accounts in one SQLite file. WAL journal mode, so logins (readers) never wait for <c>users add</c> (a writer) in another
/// process; writes take the lock up front (<c>BEGIN IMMEDIATE</c>) and wait for another writer up to the busy timeout.
/// Microsoft.Data.Sqlite runs its "async" methods synchronously; each call holds its thread for the milliseconds a local file
/// takes, or up to the busy timeout while another process writes.
/// </summary>
internal sealed class SqliteAccountStore : DbAccountStore
{
    // SQLite primary result codes (https://www.sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraint = 19;
    private const int SqliteNotADatabase = 26;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    private readonly string connectionString;
    private readonly string path;
    private readonly int busyTimeoutMs;

    private SqliteAccountStore(string path, string connectionString, int busyTimeoutMs, TimeProvider clock)
        : base($"SQLite {path}", clock)
    {
        this.path = path;
        this.connectionString = connectionString;
        this.busyTimeoutMs = busyTimeoutMs;
    }

    public static async Task<IAccountStore> OpenAsync(AccountStoreLocation location, AccountStoreOptions options, CancellationToken cancellationToken)
    {
        var path = location.Target;
        var folder = Path.GetDirectoryName(path)!;
        var mustExist = options.Mode == AccountStoreMode.MustExist;
        if (mustExist && !File.Exists(path))
        {
            // Checked first: a read-only command creates neither the file nor the default folder.
            throw new AccountException(AccountErrorKind.StoreMissing, string.Format(Strings.Sqlite_Missing, path)) { StorePath = path };
        }

        if (location.IsDefault)
        {
            try
            {
                StoreFileAccess.CreateFolder(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AccountException(AccountErrorKind.StoreUnavailable, string.Format(Strings.Sqlite_CannotCreateFolder, folder, AccountStoreLocation.OneLine(e.Message)), null, e);
            }
        }
        else if (!Directory.Exists(folder))
        {
            // Not created for an explicit --db: a mistyped path should fail, not grow a new folder tree.
            throw new AccountException(AccountErrorKind.StoreUnavailable, string.Format(Strings.Sqlite_NoFolder, path, folder));
        }

        // Owner-only before SQLite sees it (StoreFileAccess); one that was already there is reported, not changed.
        var created = false;
        if (StoreFileAccess.DanglingLinkTarget(path) is { } nowhere)
        {
            throw new AccountException(AccountErrorKind.StoreUnavailable, string.Format(Strings.Sqlite_DanglingLink, path, nowhere));
        }

        if (!mustExist)
        {
            try
            {
                created = StoreFileAccess.CreatePrivateFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AccountException(AccountErrorKind.StoreUnavailable, string.Format(Strings.Sqlite_CannotOpen, path, AccountStoreLocation.OneLine(e.Message)), null, e);
            }
        }

        if (!created)
        {
            StoreFileAccess.Inspect(path, options.FileWarning);
        }

        var busyTimeout = (int)Math.Clamp(options.BusyTimeout.TotalMilliseconds, 1, int.MaxValue);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // ReadWrite never creates the file: one deleted between the check above and this open fails as "cannot open".
            Mode = mustExist ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy statement (150 ms sleeps) until this many seconds have passed, on top of
            // SQLite's own busy handler (busy_timeout below); 1, the least that is not "forever", lets busy_timeout decide.
            // SQLite commands are never interrupted for taking long, so this limits nothing else.
            DefaultTimeout = 1,
        }.ToString();

        // ReadyAsync disposes the store on every failure and the caller owns it on success; CA2000 does not follow ownership
        // into a call.
#pragma warning disable CA2000 // why: disposed by ReadyAsync on failure, the caller disposes it on success.
        var store = new SqliteAccountStore(path, connectionString, busyTimeout, options.Clock);
#pragma warning restore CA2000
        return await ReadyAsync(store, StoreKind.Sqlite, options.Logger, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task PrepareAsync(DbConnection connection, ILogger? logger, CancellationToken cancellationToken)
    {
        // WAL is a property of the file, kept once set; asking again is a no-op. A file system without shared-memory support
        // (some network mounts) answers with the old mode: the store still works, with readers waiting for writers.
        await using var pragma = Command(connection, null, "PRAGMA journal_mode = WAL");
        var mode = Convert.ToString(await pragma.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? "";
        if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase) && logger is not null)
        {
            AccountLog.WalUnavailable(logger, Description, mode);
        }
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open (and its -wal/-shm files in place) after the last call; a disposed store
        // releases them so the file can be moved, deleted or backed up.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // busy_timeout is per connection and not part of the connection string; SQLite's own handler waits with backoff
            // in C, finer than Microsoft.Data.Sqlite's retry loop.
            await using var pragma = Command(connection, null, $"PRAGMA busy_timeout = {busyTimeoutMs}");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Not deferred: BEGIN IMMEDIATE takes the write lock now, waiting under busy_timeout. A deferred transaction that
        // upgrades from read to write can fail with SQLITE_BUSY at once, without waiting (https://www.sqlite.org/lang_transaction.html).
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite &&
        sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique;

    protected override AccountException? Translate(Exception exception)
    {
        if (exception is not SqliteException e)
        {
            return exception is IOException or UnauthorizedAccessException
                ? Unavailable(string.Format(Strings.Sqlite_CannotOpen, path, AccountStoreLocation.OneLine(exception.Message)), exception)
                : null;
        }

        var why = e.SqliteErrorCode switch
        {
            SqliteBusy or SqliteLocked => string.Format(Strings.Sqlite_Locked, path, busyTimeoutMs / 1000.0),
            SqliteCantOpen => string.Format(Strings.Sqlite_CantOpen, path),
            SqliteReadOnly => string.Format(Strings.Sqlite_ReadOnly, path),
            SqliteNotADatabase => string.Format(Strings.Sqlite_NotADatabase, path),
            SqliteCorrupt => string.Format(Strings.Sqlite_Corrupt, path),
            SqliteFull => string.Format(Strings.Sqlite_Full, path),
            _ => string.Format(Strings.Sqlite_Other, path, AccountStoreLocation.OneLine(e.Message)),
        };
        return Unavailable(why, e);
    }

    protected override object ToDb(DateTimeOffset time) => Timestamps.ToSqlite(time);

    protected override DateTimeOffset FromDb(DbDataReader reader, int ordinal)
    {
        var text = reader.GetString(ordinal);
        return Timestamps.TryParseSqlite(text, out var time)
            ? time
            : throw Unavailable($"SQLite database {path}: unreadable time {AccountNames.Quote(text)} in table accounts", null);
    }

    private static AccountException Unavailable(string message, Exception? inner) =>
        new(AccountErrorKind.StoreUnavailable, message, null, inner);
}
