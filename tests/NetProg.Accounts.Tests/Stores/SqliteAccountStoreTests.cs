using Microsoft.Data.Sqlite;
using NetProg.Accounts.Internal;

namespace NetProg.Accounts.Tests.Stores;

/// <summary>The store contract on a real SQLite file in a temp folder, plus what only SQLite has: WAL, locking, the file itself.</summary>
public sealed class SqliteAccountStoreTests : AccountStoreContract
{
    private readonly TempFolder folder = new();
    private int files;

    [Fact]
    public async Task Should_put_the_database_in_WAL_mode()
    {
        // Given the store opened the file (in InitializeAsync)
        // When another connection asks the file's journal mode
        var mode = await QueryAsync("PRAGMA journal_mode");

        // Then it is WAL, which the issue requires so logins (readers) never wait for a writer
        Assert.Equal("wal", Assert.Single(Assert.Single(mode)));
    }

    [Fact]
    public async Task Should_report_a_missing_folder_as_unavailable_in_one_line()
    {
        // Given a path in a folder that does not exist
        var path = Path.Combine(folder.Path, "no-such-folder", "accounts.db");

        // When
        var error = await Assert.ThrowsAsync<AccountException>(() => AccountStores.OpenAsync(path));

        // Then
        Assert.Equal(AccountErrorKind.StoreUnavailable, error.Kind);
        Assert.Equal($"cannot open SQLite database {path}: folder {Path.GetDirectoryName(path)} does not exist", error.Message);
    }

    [Fact]
    public async Task Should_report_a_file_that_is_not_a_database()
    {
        // Given a text file where the database should be
        var path = folder.File("notes.txt");
        await File.WriteAllTextAsync(path, new string('x', 4096));

        // When
        var error = await Assert.ThrowsAsync<AccountException>(() => AccountStores.OpenAsync(path));

        // Then
        Assert.Equal(AccountErrorKind.StoreUnavailable, error.Kind);
        Assert.Equal($"{path} is not an SQLite database (choose another file with --db)", error.Message);
    }

    [Fact]
    public async Task Should_refuse_a_schema_written_by_a_newer_version()
    {
        // Given a database whose schema_version says a later netprog migrated it
        await Store.DisposeAsync();
        await QueryAsync("INSERT INTO schema_version (version, applied) VALUES (99, '2030-01-01T00:00:00.000Z')");

        // When
        var error = await Assert.ThrowsAsync<AccountException>(() => OpenAsync());

        // Then
        Assert.Equal(AccountErrorKind.StoreUnavailable, error.Kind);
        Assert.Equal($"SQLite {Db}: schema version 99 was written by a newer netprog (this one knows up to 1); upgrade netprog", error.Message);
    }

    [Fact]
    public async Task Should_wait_for_another_writer_only_up_to_the_busy_timeout()
    {
        // Given another process-like connection holding the write lock
        var store = await OpenAsync(new AccountStoreOptions { Clock = Clock, BusyTimeout = TimeSpan.FromMilliseconds(300) });
        await using var holder = new SqliteConnection($"Data Source={Db};Pooling=false");
        await holder.OpenAsync();
        await using var lockHolder = holder.BeginTransaction(deferred: false);
        var hash = await CheapHashes.HashAsync("pw");

        // When
        var error = await Assert.ThrowsAsync<AccountException>(() => store.AddAsync("zoe", hash).WaitAsync(Waits.Slow));

        // Then it gave up with a clear reason, and succeeds once the lock is released
        Assert.Equal(AccountErrorKind.StoreUnavailable, error.Kind);
        Assert.Contains("stayed locked by another writer", error.Message, StringComparison.Ordinal);
        await lockHolder.RollbackAsync();
        await store.AddAsync("zoe", hash);
    }

    [Fact]
    public async Task Should_create_the_per_user_folder_for_the_default_database()
    {
        // Given no --db and no NETPROG_DB, and a per-user data folder without netprog/ in it
        var home = folder.File("home-data");
        var location = AccountStoreLocation.Resolve(null, _ => null, () => home);

        // When
        await using var store = await AccountStores.OpenAsync(location, new AccountStoreOptions(), CancellationToken.None);
        await store.AddAsync("default", await CheapHashes.HashAsync("pw"));

        // Then
        var expected = Path.Combine(home, "netprog", "accounts.db");
        Assert.True(File.Exists(expected));
        Assert.Equal($"SQLite {expected}", store.Description);
    }

    [Fact]
    public async Task Should_log_a_migration_once_per_database()
    {
        // Given a new file, opened twice with a logger
        Db = await CreateDatabaseAsync();
        var logger = new ListLogger();

        // When
        await OpenAsync(new AccountStoreOptions { Clock = Clock, Logger = logger });
        await OpenAsync(new AccountStoreOptions { Clock = Clock, Logger = logger });

        // Then only the first open migrated, logged at Debug: routine, not the first thing a student reads at the lab
        var (id, message) = Assert.Single(logger.Events);
        Assert.Equal(501, id.Id);
        Assert.Equal($"SQLite {Db}: schema migrated from version 0 to 1", message);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, Assert.Single(logger.Levels));
    }

    [Fact]
    public async Task Should_create_nothing_when_a_store_that_must_exist_is_missing()
    {
        // Given a path to a file that is not there, in the default folder (not created yet) and in an explicit one
        var home = folder.File("no-data-yet");
        var missing = folder.File("typo.db");

        // When both are opened as must-exist
        var options = new AccountStoreOptions { Mode = AccountStoreMode.MustExist };
        var byDefault = await Assert.ThrowsAsync<AccountException>(() => AccountStores.OpenAsync(AccountStoreLocation.Resolve(null, _ => null, () => home), options, CancellationToken.None));
        var explicitly = await Assert.ThrowsAsync<AccountException>(() => AccountStores.OpenAsync(missing, options));

        // Then each names its file, and neither the file nor the default folder was created
        Assert.Equal(AccountErrorKind.StoreMissing, explicitly.Kind);
        Assert.Equal(missing, explicitly.StorePath);
        Assert.Equal($"no account store at {missing}", explicitly.Message);
        Assert.Equal(Path.Combine(home, "netprog", "accounts.db"), byDefault.StorePath);
        Assert.False(File.Exists(missing));
        Assert.False(Directory.Exists(home));
    }

    [Fact]
    public async Task Should_open_an_existing_store_that_must_exist()
    {
        // Given a store with a user (created in InitializeAsync)
        await Store.AddAsync("yuna", await CheapHashes.HashAsync("pw"));

        // When it is opened again as must-exist
        await using var again = await AccountStores.OpenAsync(Db, new AccountStoreOptions { Mode = AccountStoreMode.MustExist });

        // Then it reads the same accounts
        Assert.Equal("yuna", Assert.Single(await again.ListAsync()).Name);
    }

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(folder.File($"accounts-{Interlocked.Increment(ref files)}.db"));

    protected override async Task<IReadOnlyList<string[]>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Db};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "").ToArray());
        }

        return rows;
    }

    protected override Task<IReadOnlyList<string>> RawFilesAsync() =>
        // The database, and its -wal and -shm companions, where recent transactions live until a checkpoint.
        Task.FromResult<IReadOnlyList<string>>(Directory.GetFiles(folder.Path, Path.GetFileName(Db) + "*"));

    protected override Task CleanUpAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }
}
