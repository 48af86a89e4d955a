using NetProg.Accounts.Internal;

namespace NetProg.Accounts.Tests.Stores;

/// <summary>
/// The SQLite file holds password hashes: on Unix it and its -wal/-shm siblings are owner-only, the default folder too, and an
/// existing file others can read is reported. Real files in a temp folder, under the test process's own umask.
/// </summary>
public sealed class SqliteFilePermissionTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly TempFolder folder = new();
    private readonly List<StoreFileWarning> warnings = [];

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Should_create_the_default_folder_0700_and_the_file_and_its_wal_and_shm_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No mode bits: the per-user folder's inherited ACL is what protects it.
        }

        // Given no --db, and a per-user data folder without netprog/ in it
        var location = AccountStoreLocation.Resolve(null, _ => null, () => folder.File("data"));

        // When the store is made and written to, its connection still open
        await using var store = await AccountStores.OpenAsync(location, Options(), CancellationToken.None);
        await store.AddAsync("alice", await CheapHashes.HashAsync("correct-horse-7"));

        // Then
        var db = location.Target;
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.GetDirectoryName(db)!));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(db));
        Assert.True(File.Exists(db + "-wal"), "the write should have left a WAL file while the pool holds the connection");
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(db + "-wal"));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(db + "-shm"));
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task Should_create_an_explicit_db_file_0600_in_its_existing_folder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Given a --db in a folder of the usual 0755
        var db = folder.File("accounts.db");

        // When
        await using (var store = await AccountStores.OpenAsync(db, Options()))
        {
            await store.AddAsync("bob", await CheapHashes.HashAsync("correct-horse-7"));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(db + "-wal"));
        }

        // Then
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(db));
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task Should_warn_about_an_existing_store_that_others_can_read_and_still_open_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Given a store made by an older netprog: 0644
        var db = folder.File("old.db");
        await using (var store = await AccountStores.OpenAsync(db))
        {
            await store.AddAsync("carol", await CheapHashes.HashAsync("correct-horse-7"));
        }

        File.SetUnixFileMode(db, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        // When it is opened again
        await using (var reopened = await AccountStores.OpenAsync(db, Options()))
        {
            Assert.NotNull(await reopened.FindAsync("carol"));
        }

        // Then one warning, with what it is and whose
        var warning = Assert.Single(warnings);
        Assert.Equal(StoreFileProblem.OpenToOthers, warning.Problem);
        Assert.Equal(db, warning.Path);
        Assert.Equal(OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead, warning.Mode);
    }

    [Fact]
    public async Task Should_not_warn_about_an_existing_owner_only_store()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var db = folder.File("private.db");
        await (await AccountStores.OpenAsync(db)).DisposeAsync();
        File.SetUnixFileMode(db, OwnerOnlyFile);

        await (await AccountStores.OpenAsync(db, Options())).DisposeAsync();

        Assert.Empty(warnings);
    }

    [Fact]
    public async Task Should_not_create_the_store_through_a_dangling_symbolic_link()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Given a link planted at the store's name, pointing where the file does not exist yet
        var db = folder.File("accounts.db");
        var target = folder.File("elsewhere.db");
        File.CreateSymbolicLink(db, target);

        // When the store is opened to be created
        var error = await Assert.ThrowsAsync<AccountException>(() => AccountStores.OpenAsync(db, Options()));

        // Then it is refused in one line, and nothing was made where the link points
        Assert.Equal(AccountErrorKind.StoreUnavailable, error.Kind);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Should_tell_a_file_of_another_user_from_an_open_one()
    {
        // The owner check on its own, since a test cannot chown without root: uid 0's file, opened by uid 1000
        var problems = StoreFileAccess.Problems(UnixFileMode.UserRead | UnixFileMode.UserWrite, owner: 0, user: 1000);
        var open = StoreFileAccess.Problems(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite, owner: 1000, user: 1000);
        var fine = StoreFileAccess.Problems(UnixFileMode.UserRead | UnixFileMode.UserWrite, owner: 1000, user: 1000);

        Assert.Equal([StoreFileProblem.OwnedByAnotherUser], problems);
        Assert.Equal([StoreFileProblem.OpenToOthers], open);
        Assert.Empty(fine);
    }

    private AccountStoreOptions Options() => new() { FileWarning = warnings.Add };
}
