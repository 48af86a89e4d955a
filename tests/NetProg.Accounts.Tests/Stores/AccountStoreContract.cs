namespace NetProg.Accounts.Tests.Stores;

/// <summary>
/// What every account store must do, run once per backend (SQLite file, real PostgreSQL server). A derived class supplies a
/// fresh database and a way to look at what is really stored.
/// </summary>
public abstract class AccountStoreContract : IAsyncLifetime
{
    /// <summary>Sub-millisecond ticks on purpose: the stores keep milliseconds, and must say so consistently.</summary>
    private static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_897_932);

    private readonly List<IAccountStore> opened = [];

    private protected ManualClock Clock { get; } = new(Start);

    /// <summary>The <c>--db</c> value of this test's database.</summary>
    protected string Db { get; set; } = "";

    protected IAccountStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        Store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        await CleanUpAsync();
    }

    [Fact]
    public async Task Should_find_an_added_account_with_its_hash_and_creation_time()
    {
        // Given
        var hash = await CheapHashes.HashAsync("secret");

        // When
        await Store.AddAsync("alice", hash);

        // Then
        var account = await Store.FindAsync("alice");
        Assert.NotNull(account);
        Assert.Equal("alice", account.Name);
        Assert.Equal(hash, account.PasswordHash);
        Assert.Equal(Truncated(Start), account.Created);
        Assert.Equal(TimeSpan.Zero, account.Created.Offset);
        Assert.Null(account.LastLogin);
        Assert.Equal(0, account.FailedAttempts);
    }

    [Fact]
    public async Task Should_return_null_for_an_unknown_name()
    {
        // Given an empty store, When looking up a name, Then there is no account
        Assert.Null(await Store.FindAsync("nobody"));
    }

    [Fact]
    public async Task Should_refuse_a_duplicate_name_with_a_one_line_message()
    {
        // Given
        await Store.AddAsync("bob", await CheapHashes.HashAsync("one"));

        // When
        var error = await Assert.ThrowsAsync<AccountException>(async () => await Store.AddAsync("bob", await CheapHashes.HashAsync("two")));

        // Then the first account is untouched
        Assert.Equal(AccountErrorKind.Duplicate, error.Kind);
        Assert.Equal("user 'bob' already exists", error.Message);
        Assert.Single(await Store.ListAsync());
    }

    [Fact]
    public async Task Should_keep_names_case_sensitive_like_Unix_user_names()
    {
        // Given
        await Store.AddAsync("alice", await CheapHashes.HashAsync("lower"));

        // When
        await Store.AddAsync("Alice", await CheapHashes.HashAsync("upper"));

        // Then two accounts, each found only by its exact name
        Assert.Equal(["Alice", "alice"], (await Store.ListAsync()).Select(a => a.Name));
        Assert.Null(await Store.FindAsync("ALICE"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    [InlineData("caf\u00e9")]
    [InlineData("a/b")]
    [InlineData("bob\n")]
    [InlineData("x'; DROP TABLE accounts; --")]
    public async Task Should_refuse_an_invalid_name_in_every_operation(string name)
    {
        // Given
        var hash = await CheapHashes.HashAsync("pw");

        // When / Then
        foreach (var operation in new Func<Task>[]
                 {
                     () => Store.AddAsync(name, hash),
                     () => Store.FindAsync(name),
                     () => Store.RemoveAsync(name),
                     () => Store.SetPasswordHashAsync(name, hash),
                     () => Store.RecordLoginAsync(name, true, Start),
                 })
        {
            var error = await Assert.ThrowsAsync<AccountException>(operation);
            Assert.Equal(AccountErrorKind.InvalidName, error.Kind);
            Assert.DoesNotContain('\n', error.Message);
            Assert.Contains("1-32 characters of A-Z a-z 0-9 . _ -", error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task Should_report_an_invalid_name_through_the_returned_task()
    {
        // Given a caller that starts the call now and awaits it later
        var pending = Store.AddAsync("a b", await CheapHashes.HashAsync("pw"));

        // When / Then the call itself did not throw; its task carries the error
        var error = await Assert.ThrowsAsync<AccountException>(() => pending);
        Assert.Equal(AccountErrorKind.InvalidName, error.Kind);
    }

    [Fact]
    public async Task Should_accept_every_allowed_character_and_the_longest_name()
    {
        // Given the name rule [A-Za-z0-9._-]{1,32}
        string[] names = ["a", "Z.9_-", new string('x', 32), "-", "."];

        // When
        foreach (var name in names)
        {
            await Store.AddAsync(name, await CheapHashes.HashAsync(name));
        }

        // Then
        Assert.Equal(names.Order(StringComparer.Ordinal), (await Store.ListAsync()).Select(a => a.Name));
    }

    [Fact]
    public async Task Should_list_accounts_in_ordinal_name_order()
    {
        // Given names whose ordinal order differs from a locale's ("B" < "_x" < "a")
        foreach (var name in new[] { "b", "a", "_x", "B", "0" })
        {
            await Store.AddAsync(name, await CheapHashes.HashAsync(name));
        }

        // When
        var names = (await Store.ListAsync()).Select(a => a.Name);

        // Then
        Assert.Equal(["0", "B", "_x", "a", "b"], names);
    }

    [Fact]
    public async Task Should_remove_an_account_and_then_report_it_not_found()
    {
        // Given
        await Store.AddAsync("carol", await CheapHashes.HashAsync("pw"));

        // When
        await Store.RemoveAsync("carol");

        // Then
        Assert.Null(await Store.FindAsync("carol"));
        var error = await Assert.ThrowsAsync<AccountException>(() => Store.RemoveAsync("carol"));
        Assert.Equal(AccountErrorKind.NotFound, error.Kind);
        Assert.Equal("no such user 'carol'", error.Message);
    }

    [Fact]
    public async Task Should_report_not_found_when_changing_an_unknown_account()
    {
        // Given an empty store
        var hash = await CheapHashes.HashAsync("pw");

        // When / Then
        foreach (var operation in new Func<Task>[]
                 {
                     () => Store.RemoveAsync("ghost"),
                     () => Store.SetPasswordHashAsync("ghost", hash),
                     () => Store.RecordLoginAsync("ghost", success: true, Start),
                     () => Store.RecordLoginAsync("ghost", success: false, Start),
                 })
        {
            var error = await Assert.ThrowsAsync<AccountException>(operation);
            Assert.Equal(AccountErrorKind.NotFound, error.Kind);
            Assert.Equal("ghost", error.AccountName);
        }
    }

    [Fact]
    public async Task Should_replace_the_password_hash()
    {
        // Given
        await Store.AddAsync("dave", await CheapHashes.HashAsync("old"));
        var newHash = await CheapHashes.HashAsync("new");

        // When
        await Store.SetPasswordHashAsync("dave", newHash);

        // Then
        Assert.Equal(newHash, (await Store.FindAsync("dave"))!.PasswordHash);
    }

    [Fact]
    public async Task Should_refuse_a_password_in_place_of_a_hash_without_repeating_it()
    {
        // Given a caller that forgot to hash
        const string password = "hunter2-plain";

        // When
        var onAdd = await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync("erin", password));
        await Store.AddAsync("erin", await CheapHashes.HashAsync(password));
        var onSet = await Assert.ThrowsAsync<ArgumentException>(() => Store.SetPasswordHashAsync("erin", password));

        // Then the store refused, and the error does not carry the password into a log
        Assert.DoesNotContain(password, onAdd.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, onSet.Message, StringComparison.Ordinal);
        Assert.StartsWith("$argon2id$", (await Store.FindAsync("erin"))!.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_record_a_success_as_last_login_and_reset_failed_attempts()
    {
        // Given an account with two failed attempts
        await Store.AddAsync("frank", await CheapHashes.HashAsync("pw"));
        await Store.RecordLoginAsync("frank", success: false, Start.AddMinutes(1));
        await Store.RecordLoginAsync("frank", success: false, Start.AddMinutes(2));

        // When
        var at = Start.AddMinutes(3).ToOffset(TimeSpan.FromHours(9));
        await Store.RecordLoginAsync("frank", success: true, at);

        // Then
        var account = (await Store.FindAsync("frank"))!;
        Assert.Equal(Truncated(at), account.LastLogin);
        Assert.Equal(0, account.FailedAttempts);
    }

    [Fact]
    public async Task Should_count_failed_attempts_without_touching_last_login()
    {
        // Given an account that logged in once
        await Store.AddAsync("grace", await CheapHashes.HashAsync("pw"));
        await Store.RecordLoginAsync("grace", success: true, Start);

        // When
        for (var i = 1; i <= 3; i++)
        {
            await Store.RecordLoginAsync("grace", success: false, Start.AddSeconds(i));
        }

        // Then
        var account = (await Store.FindAsync("grace"))!;
        Assert.Equal(3, account.FailedAttempts);
        Assert.Equal(Truncated(Start), account.LastLogin);
    }

    [Fact]
    public async Task Should_add_20_accounts_in_parallel()
    {
        // Given 20 different users added at once, each through its own connection
        var hash = await CheapHashes.HashAsync("pw");
        var names = Enumerable.Range(0, 20).Select(i => $"user{i:00}").ToArray();

        // When
        await Task.WhenAll(names.Select(name => Task.Run(() => Store.AddAsync(name, hash)))).WaitAsync(Waits.Slow);

        // Then
        Assert.Equal(names, (await Store.ListAsync()).Select(a => a.Name));
    }

    [Fact]
    public async Task Should_let_exactly_one_of_20_parallel_adds_of_one_name_win()
    {
        // Given 20 adds of the same name at once
        var hash = await CheapHashes.HashAsync("pw");
        var adds = Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.AddAsync("race", hash))).ToArray();

        // When
        await Task.WhenAll(adds).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Waits.Slow);

        // Then one succeeded and the rest were told it is a duplicate
        Assert.Equal(1, adds.Count(t => t.IsCompletedSuccessfully));
        Assert.All(adds.Where(t => t.IsFaulted), t => Assert.Equal(AccountErrorKind.Duplicate, Assert.IsType<AccountException>(t.Exception!.InnerException).Kind));
    }

    [Fact]
    public async Task Should_show_users_added_through_one_store_instance_to_another_on_the_same_database()
    {
        // Given a second instance (as a second server would have) on the same database
        var other = await OpenAsync();

        // When
        await Store.AddAsync("heidi", await CheapHashes.HashAsync("pw"));
        await other.AddAsync("ivan", await CheapHashes.HashAsync("pw"));
        await other.RecordLoginAsync("heidi", success: false, Start);

        // Then each sees the other's writes
        Assert.Equal(["heidi", "ivan"], (await other.ListAsync()).Select(a => a.Name));
        Assert.Equal(["heidi", "ivan"], (await Store.ListAsync()).Select(a => a.Name));
        Assert.Equal(1, (await Store.FindAsync("heidi"))!.FailedAttempts);
    }

    [Fact]
    public async Task Should_migrate_once_when_several_instances_open_a_new_database_together()
    {
        // Given a database nobody opened yet
        Db = await CreateDatabaseAsync();

        // When five instances open it at the same moment
        var stores = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => OpenAsync()))).WaitAsync(Waits.Slow);

        // Then all of them work, and the schema was created exactly once
        await stores[0].AddAsync("judy", await CheapHashes.HashAsync("pw"));
        Assert.NotNull(await stores[4].FindAsync("judy"));
        Assert.Equal([["1"]], await QueryAsync("SELECT version FROM schema_version"));
    }

    [Fact]
    public async Task Should_keep_accounts_and_the_schema_version_when_reopened()
    {
        // Given
        await Store.AddAsync("ken", await CheapHashes.HashAsync("pw"));
        await Store.DisposeAsync();

        // When
        Store = await OpenAsync();

        // Then
        Assert.NotNull(await Store.FindAsync("ken"));
        Assert.Equal([["1"]], await QueryAsync("SELECT version FROM schema_version"));
    }

    [Fact]
    public async Task Should_store_no_plaintext_password_anywhere()
    {
        // Given a password no other test uses
        var password = $"Plaintext-{Guid.NewGuid():N}";
        using var hasher = new PasswordHasher(CheapHashes.Options);

        // When it goes through add, change and login bookkeeping
        await Store.AddAsync("mallory", await hasher.HashAsync(password));
        await Store.SetPasswordHashAsync("mallory", await hasher.HashAsync(password));
        await Store.RecordLoginAsync("mallory", success: true, Start);

        // Then neither the rows nor the bytes on disk hold it, in UTF-8 or UTF-16
        var rows = string.Join("\n", (await QueryAsync("SELECT * FROM accounts")).Select(row => string.Join("|", row)));
        Assert.Contains("mallory", rows, StringComparison.Ordinal);
        Assert.DoesNotContain(password, rows, StringComparison.Ordinal);
        var files = await RawFilesAsync();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(password)) >= 0, $"{file} holds the password (UTF-8)");
            Assert.False(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(password)) >= 0, $"{file} holds the password (UTF-16)");
        }
    }

    [Fact]
    public async Task Should_report_its_database_without_a_password()
    {
        // Given the open store, When asked what it is, Then it names its backend and no credential
        Assert.Matches("^(SQLite /|PostgreSQL 127\\.0\\.0\\.1:[0-9]+/)", Store.Description);
        Assert.DoesNotContain("Password", Store.Description, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A new, empty database; returns its <c>--db</c> value.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Rows of a query on <see cref="Db"/>, each value as text, bypassing the store.</summary>
    protected abstract Task<IReadOnlyList<string[]>> QueryAsync(string sql);

    /// <summary>Every file on disk that may hold this database's data (after making sure it reached the disk).</summary>
    protected abstract Task<IReadOnlyList<string>> RawFilesAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    protected async Task<IAccountStore> OpenAsync(AccountStoreOptions? options = null)
    {
        var store = await AccountStores.OpenAsync(Db, options ?? new AccountStoreOptions { Clock = Clock });
        lock (opened)
        {
            opened.Add(store);
        }

        return store;
    }

    private static DateTimeOffset Truncated(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
