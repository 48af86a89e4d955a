using Npgsql;

namespace NetProg.Accounts.Tests.Stores;

/// <summary>The store contract on a real PostgreSQL server that this test run starts (<see cref="PostgresServer"/>), one database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAccountStoreTests(PostgresServer server) : AccountStoreContract
{
    [Fact]
    public async Task Should_keep_names_in_a_C_collated_column_with_the_name_rule_as_a_check()
    {
        // Given the schema the store created
        // When inserting a bad name behind the store's back
        var error = await Assert.ThrowsAsync<PostgresException>(() => QueryAsync("INSERT INTO accounts (name, password_hash, created) VALUES ('bad name', '$argon2id$x', now())"));

        // Then the database itself refuses it
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal([["C"]], await QueryAsync("SELECT collation_name FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'name'"));
    }

    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();

    protected override async Task<IReadOnlyList<string[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "").ToArray());
        }

        return rows;
    }

    protected override async Task<IReadOnlyList<string>> RawFilesAsync()
    {
        // CHECKPOINT writes every dirty page to the data files; the WAL already has the rows. The server log is scanned too.
        await QueryAsync("CHECKPOINT");
        var oid = (await QueryAsync("SELECT oid FROM pg_database WHERE datname = current_database()"))[0][0];
        return
        [
            .. Directory.GetFiles(Path.Combine(server.DataDirectory, "base", oid)),
            .. Directory.GetFiles(Path.Combine(server.DataDirectory, "pg_wal")),
            .. Directory.GetFiles(Path.GetDirectoryName(server.DataDirectory)!, "*.log"),
        ];
    }
}
