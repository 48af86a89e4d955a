using System.Data.Common;

namespace NetProg.Accounts.Internal;

/// <summary>
/// The schema, as numbered migrations applied in order inside one write transaction; <c>schema_version</c> keeps one row per
/// applied migration. A migration is never edited once released: a change is a new, higher-numbered one, written for both
/// dialects.
/// </summary>
internal static class Schema
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(
            1,
            // STRICT (SQLite 3.37+) makes a wrong type an error instead of a silent conversion. The CHECKs repeat the name rule so
            // a row written by hand with sqlite3 cannot break the program's assumptions.
            Sqlite: """
                CREATE TABLE accounts (
                    name            TEXT    NOT NULL PRIMARY KEY
                                    CHECK (length(name) BETWEEN 1 AND 32 AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
                    password_hash   TEXT    NOT NULL,
                    created         TEXT    NOT NULL,
                    last_login      TEXT,
                    failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0)
                ) STRICT;
                """,
            Postgres: """
                CREATE TABLE accounts (
                    name            text COLLATE "C" PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._-]{1,32}$'),
                    password_hash   text        NOT NULL,
                    created         timestamptz NOT NULL,
                    last_login      timestamptz,
                    failed_attempts integer     NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0)
                );
                """),
    ];

    public static int Latest => Migrations[^1].Version;

    /// <summary>
    /// Brings the schema up to <see cref="Latest"/> inside <paramref name="transaction"/>, which the caller opened holding the
    /// database's write lock, so concurrent openers migrate one after the other and the later ones find nothing to do.
    /// </summary>
    /// <returns>The version found; <see cref="Latest"/> is the version left.</returns>
    public static async Task<int> MigrateAsync(DbConnection connection, DbTransaction transaction, StoreKind kind, string description, CancellationToken cancellationToken)
    {
        var createVersionTable = kind == StoreKind.Sqlite
            ? "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied TEXT NOT NULL) STRICT"
            : "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL)";
        await Execute(createVersionTable).ConfigureAwait(false);

        await using (var query = connection.CreateCommand())
        {
            query.Transaction = transaction;
            query.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
            var found = Convert.ToInt32(await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (found > Latest)
            {
                throw new AccountException(
                    AccountErrorKind.StoreUnavailable,
                    string.Format(Strings.NewerSchema, description, found, Latest));
            }

            var now = kind == StoreKind.Sqlite ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" : "now()";
            foreach (var migration in Migrations.Where(m => m.Version > found))
            {
                await Execute(kind == StoreKind.Sqlite ? migration.Sqlite : migration.Postgres).ConfigureAwait(false);
                await Execute($"INSERT INTO schema_version (version, applied) VALUES ({migration.Version}, {now})").ConfigureAwait(false);
            }

            return found;
        }

        async Task Execute(string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
