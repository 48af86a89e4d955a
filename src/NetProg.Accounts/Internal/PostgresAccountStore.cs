using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NetProg.Accounts.Internal;

/// <summary>
/// Accounts in a PostgreSQL database shared by several netprog servers. Concurrency is PostgreSQL's: the primary key makes a
/// duplicate add fail in whichever instance comes second, and single-row updates need no more than READ COMMITTED.
/// </summary>
internal sealed class PostgresAccountStore : DbAccountStore
{
    /// <summary>
    /// The advisory lock that serializes schema migrations across instances: the ASCII bytes of "netprog". Without it two
    /// instances starting together can both pass the "not exists" check of <c>CREATE TABLE IF NOT EXISTS</c>, and the second then
    /// fails on the system catalog's unique index; with it the second waits, then finds the schema done. (Seen here: without
    /// the lock, five instances opening one new database fail every time with 23505 on <c>pg_type_typname_nsp_index</c>;
    /// the test <c>Should_migrate_once_when_several_instances_open_a_new_database_together</c> guards it.)
    /// </summary>
    private const long MigrationLockKey = 0x006E657470726F67;

    private readonly NpgsqlDataSource dataSource;
    private readonly string endpoint;
    private readonly string user;
    private readonly string database;
    private readonly int connectTimeoutSeconds;

    private PostgresAccountStore(NpgsqlDataSource dataSource, NpgsqlConnectionStringBuilder builder, string description, TimeProvider clock)
        : base(description, clock)
    {
        this.dataSource = dataSource;
        endpoint = AccountStoreLocation.Endpoint(builder);
        user = builder.Username ?? Environment.UserName;
        database = builder.Database ?? user;
        connectTimeoutSeconds = builder.Timeout;
    }

    public static async Task<IAccountStore> OpenAsync(AccountStoreLocation location, AccountStoreOptions options, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(location.Target);
        var limit = Math.Max(1, (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds));

        // Timeout=0 means "wait forever" to Npgsql: never acceptable for a server that must answer its user.
        builder.Timeout = builder.Timeout is > 0 && builder.Timeout < limit ? builder.Timeout : limit;
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            // Shows in pg_stat_activity, so a DBA can tell whose connections these are.
            builder.ApplicationName = "netprog";
        }

        // ReadyAsync disposes the store on every failure and the caller owns it on success; CA2000 does not follow ownership
        // into a call.
#pragma warning disable CA2000 // why: disposed by ReadyAsync on failure, the caller disposes it on success.
        var store = new PostgresAccountStore(NpgsqlDataSource.Create(builder), builder, location.Description, options.Clock);
#pragma warning restore CA2000
        return await ReadyAsync(store, StoreKind.PostgreSql, options.Logger, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override AccountException? Translate(Exception exception)
    {
        var why = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } e =>
                string.Format(Strings.Pg_Refused, endpoint, user, e.MessageText),
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                string.Format(Strings.Pg_NoDatabase, endpoint, database),
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } e =>
                string.Format(Strings.Pg_Privilege, endpoint, user, e.MessageText, database),
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } =>
                string.Format(Strings.Pg_TooMany, endpoint),
            PostgresException e =>
                string.Format(Strings.Pg_Other, endpoint, AccountStoreLocation.OneLine(e.MessageText), e.SqlState),
            NpgsqlException e when Find<SocketException>(e) is { } socket => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused =>
                    string.Format(Strings.Pg_ConnectionRefused, endpoint),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain =>
                    string.Format(Strings.Pg_HostNotFound, endpoint),
                SocketError.TimedOut =>
                    string.Format(Strings.Pg_TimedOut, endpoint, connectTimeoutSeconds),
                _ =>
                    string.Format(Strings.Pg_Unreachable, endpoint, socket.SocketErrorCode),
            },
            NpgsqlException e when Find<TimeoutException>(e) is not null =>
                string.Format(Strings.Pg_TimedOut, endpoint, connectTimeoutSeconds),
            NpgsqlException e =>
                string.Format(Strings.Pg_Npgsql, endpoint, AccountStoreLocation.OneLine(e.Message)),
            _ => null,
        };
        return why is null ? null : new AccountException(AccountErrorKind.StoreUnavailable, why, null, exception);
    }

    // Npgsql rejects a DateTimeOffset with a non-zero offset for timestamptz; the store keeps UTC anyway.
    protected override object ToDb(DateTimeOffset time) => time.ToUniversalTime();

    protected override DateTimeOffset FromDb(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
