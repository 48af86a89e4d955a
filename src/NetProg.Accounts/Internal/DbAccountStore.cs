using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace NetProg.Accounts.Internal;

/// <summary>
/// The SQL both backends share (it is plain SQL-92 apart from the hooks below). One pooled connection per call, so calls from
/// many connections' handlers run concurrently; every write is one explicit transaction.
/// </summary>
/// <remarks>
/// <c>ORDER BY name</c> is ordinal in both: SQLite's default BINARY collation, and <c>COLLATE "C"</c> on the PostgreSQL column
/// (the database's locale would otherwise decide, and differ between servers).
/// </remarks>
internal abstract class DbAccountStore : IAccountStore
{
    private const string Columns = "name, password_hash, created, last_login, failed_attempts";

    private readonly TimeProvider clock;

    protected DbAccountStore(string description, TimeProvider clock)
    {
        Description = description;
        this.clock = clock;
    }

    public string Description { get; }

    // Every public method is async, so that a refused name or hash surfaces from the returned task like every other failure.
    public async Task AddAsync(string name, string passwordHash, CancellationToken cancellationToken = default)
    {
        AccountNames.Validate(name);
        RequireHash(passwordHash);
        var created = Timestamps.Truncate(clock.GetUtcNow());
        await RunAsync(
            async (connection, transaction) =>
            {
                try
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO accounts (name, password_hash, created, last_login, failed_attempts) VALUES (@name, @hash, @created, NULL, 0)",
                        cancellationToken,
                        ("name", name),
                        ("hash", passwordHash),
                        ("created", ToDb(created))).ConfigureAwait(false);
                }
                catch (DbException e) when (IsUniqueViolation(e))
                {
                    throw AccountException.Duplicate(name);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        AccountNames.Validate(name);
        await UpdateOneAsync(name, "DELETE FROM accounts WHERE name = @name", cancellationToken, ("name", name)).ConfigureAwait(false);
    }

    public async Task SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken = default)
    {
        AccountNames.Validate(name);
        RequireHash(passwordHash);
        await UpdateOneAsync(name, "UPDATE accounts SET password_hash = @hash WHERE name = @name", cancellationToken, ("name", name), ("hash", passwordHash)).ConfigureAwait(false);
    }

    public async Task RecordLoginAsync(string name, bool success, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        AccountNames.Validate(name);
        await (success
            ? UpdateOneAsync(name, "UPDATE accounts SET last_login = @at, failed_attempts = 0 WHERE name = @name", cancellationToken, ("name", name), ("at", ToDb(Timestamps.Truncate(at))))
            : UpdateOneAsync(name, "UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE name = @name", cancellationToken, ("name", name))).ConfigureAwait(false);
    }

    public async Task<Account?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        AccountNames.Validate(name);
        var found = await QueryAsync($"SELECT {Columns} FROM accounts WHERE name = @name", cancellationToken, ("name", name)).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM accounts ORDER BY name", cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>An open connection, ready for statements.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that holds the write lock from its first statement (SQLite: <c>BEGIN IMMEDIATE</c>).</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>The failure as the user should hear it, or null to let it through (a bug, a cancellation).</summary>
    protected abstract AccountException? Translate(Exception exception);

    protected abstract object ToDb(DateTimeOffset time);

    protected abstract DateTimeOffset FromDb(DbDataReader reader, int ordinal);

    /// <summary>
    /// Makes a just-constructed store ready, or disposes it: its first connection, <see cref="PrepareAsync"/> on it, then the
    /// schema migrated in one write transaction that <see cref="LockSchemaAsync"/> opens. On failure the store is disposed and
    /// the error translated for the user; on success the caller owns it.
    /// </summary>
    protected static async Task<IAccountStore> ReadyAsync(DbAccountStore store, StoreKind kind, ILogger? logger, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await store.PrepareAsync(connection, logger, cancellationToken).ConfigureAwait(false);
            await using var transaction = await store.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await store.LockSchemaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var found = await Schema.MigrateAsync(connection, transaction, kind, store.Description, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (found != Schema.Latest && logger is not null)
            {
                AccountLog.SchemaMigrated(logger, store.Description, found, Schema.Latest);
            }

            return store;
        }
        catch (Exception e)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            if (e is not AccountException && store.Translate(e) is { } translated)
            {
                throw translated;
            }

            throw;
        }
    }

    /// <summary>Settings of the first connection, before the schema is looked at (SQLite: the journal mode).</summary>
    protected virtual Task PrepareAsync(DbConnection connection, ILogger? logger, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What keeps two instances from migrating one new database at once, inside the migration's transaction.</summary>
    protected virtual Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    protected static async Task<int> ExecuteAsync(
        DbConnection connection,
        DbTransaction? transaction,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (parameterName, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = parameterName;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>A write that must touch exactly the one named account; none touched means there is no such account.</summary>
    private Task UpdateOneAsync(string name, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        RunAsync(
            async (connection, transaction) =>
            {
                var rows = await ExecuteAsync(connection, transaction, sql, cancellationToken, parameters).ConfigureAwait(false);
                if (rows == 0)
                {
                    throw AccountException.NotFound(name);
                }
            },
            cancellationToken);

    private async Task RunAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await write(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not AccountException && Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<IReadOnlyList<Account>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, null, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var accounts = new List<Account>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                accounts.Add(new Account(
                    reader.GetString(0),
                    reader.GetString(1),
                    FromDb(reader, 2),
                    reader.IsDBNull(3) ? null : FromDb(reader, 3),
                    reader.GetInt32(4)));
            }

            return accounts;
        }
        catch (Exception e) when (e is not AccountException && Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    private static void RequireHash(string passwordHash)
    {
        // A guard against a caller passing the password itself: the store keeps nothing that is not a PHC hash string.
        // The message never repeats the value, which may be a password.
        if (!PhcString.LooksLikePhc(passwordHash))
        {
            throw new ArgumentException("not a PHC hash string ($argon2id$...): the account store never takes a plaintext password", nameof(passwordHash));
        }
    }
}
