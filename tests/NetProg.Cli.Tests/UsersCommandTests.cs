namespace NetProg.Cli.Tests;

/// <summary><c>netprog users ...</c> against a real SQLite file in a temp folder.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netprog-users-").FullName;

    private string Db => Path.Combine(_folder, "accounts.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Should_add_list_change_and_remove_a_user()
    {
        // When
        var added = await RunAsync("correct horse\n", "users", "add", "alice", "--password-stdin", "--db", Db);
        var listed = await RunAsync(string.Empty, "users", "list", "--db", Db);
        var changed = await RunAsync("battery staple\n", "users", "passwd", "alice", "--password-stdin", "--db", Db);
        var removed = await RunAsync(string.Empty, "users", "remove", "alice", "--db", Db);
        var empty = await RunAsync(string.Empty, "users", "list", "--db", Db);

        // Then
        Assert.Equal(0, added.Exit);
        Assert.StartsWith("added alice to SQLite ", added.Console.OutWriter.Lines[0]);
        Assert.Equal(0, listed.Exit);
        Assert.Contains(listed.Console.OutWriter.Lines, l => l.TrimStart().StartsWith("alice", StringComparison.Ordinal) && l.Contains("never"));
        Assert.Equal(0, changed.Exit);
        Assert.Equal(0, removed.Exit);
        Assert.Contains("0 user(s)", empty.Console.OutWriter.Text);
        Assert.DoesNotContain("correct horse", File.ReadAllText(Db + (File.Exists(Db + "-wal") ? "-wal" : string.Empty), System.Text.Encoding.Latin1));
    }

    [Fact]
    public async Task Should_refuse_a_duplicate_with_one_line_and_exit_1()
    {
        await RunAsync("correct-horse-7\n", "users", "add", "bob", "--password-stdin", "--db", Db);

        var (exit, console) = await RunAsync("correct-horse-7\n", "users", "add", "bob", "--password-stdin", "--db", Db);

        Assert.Equal(1, exit);
        Assert.Contains("bob", Assert.Single(console.ErrorWriter.Lines));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Should_refuse_an_empty_password_as_usage_and_add_nobody(string stdin)
    {
        var (exit, console) = await RunAsync(stdin, "users", "add", "carol", "--password-stdin", "--db", Db);
        var listed = await RunAsync(string.Empty, "users", "list", "--db", Db);

        Assert.Equal(2, exit);
        Assert.Equal("netprog: the password is empty; give one of at least one character.", Assert.Single(console.ErrorWriter.Lines));
        Assert.DoesNotContain("carol", listed.Console.OutWriter.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", "netprog: the password is 1 character(s) long; choose one of at least 8 (a few words make a long one easy to remember).")]
    [InlineData("seven77", "netprog: the password is 7 character(s) long; choose one of at least 8 (a few words make a long one easy to remember).")]
    [InlineData("dave", "netprog: the password is 4 character(s) long; choose one of at least 8 (a few words make a long one easy to remember).")]
    [InlineData("my-DAVE-password", "netprog: the password contains the user name 'dave'; choose one that does not.")]
    [InlineData("password", "netprog: the password is one of the most common ones, the first an attacker tries; choose another.")]
    [InlineData("12345678", "netprog: the password is one of the most common ones, the first an attacker tries; choose another.")]
    [InlineData("Qwerty123", "netprog: the password is one of the most common ones, the first an attacker tries; choose another.")]
    [InlineData("iloveyou", "netprog: the password is one of the most common ones, the first an attacker tries; choose another.")]
    [InlineData("11111111", "netprog: the password is one of the most common ones, the first an attacker tries; choose another.")]
    public async Task Should_refuse_a_weak_password_with_one_line_and_exit_1_and_add_nobody(string password, string expected)
    {
        var (exit, console) = await RunAsync(password + "\n", "users", "add", "dave", "--password-stdin", "--db", Db);

        Assert.Equal(1, exit);
        Assert.Equal(expected, Assert.Single(console.ErrorWriter.Lines));
        Assert.Empty(console.OutWriter.Lines);
        Assert.False(File.Exists(Db), "a refused password must not leave a store behind");
    }

    [Theory]
    [InlineData("erin")]
    [InlineData("ERIN-erin-ERIN")]
    [InlineData("password1")]
    public async Task Should_refuse_a_weak_new_password_in_passwd_and_keep_the_old_one(string password)
    {
        // Given erin with a good password
        await RunAsync("correct-horse-7\n", "users", "add", "erin", "--password-stdin", "--db", Db);
        var before = await HashOfAsync("erin");

        // When she sets a weak one
        var (exit, console) = await RunAsync(password + "\n", "users", "passwd", "erin", "--password-stdin", "--db", Db);

        // Then one line, exit 1, and the old hash is still there
        Assert.Equal(1, exit);
        Assert.StartsWith("netprog: the password ", Assert.Single(console.ErrorWriter.Lines));
        Assert.Equal(before, await HashOfAsync("erin"));
    }

    [Fact]
    public async Task Should_make_the_store_owner_only_and_warn_when_an_existing_one_is_open_to_others()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No mode bits to check.
        }

        // Given a store made by users add
        var added = await RunAsync("correct-horse-7\n", "users", "add", "alice", "--password-stdin", "--db", Db);
        var mode = File.GetUnixFileMode(Db);

        // When it is opened to others (as an older netprog left it) and listed
        File.SetUnixFileMode(Db, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (exit, console) = await RunAsync(string.Empty, "users", "list", "--db", Db);

        // Then the new one was 0600 with nothing said, and the open one gives one warning line and still works
        Assert.Equal(0, added.Exit);
        Assert.Empty(added.Console.ErrorWriter.Lines);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(0, exit);
        Assert.Equal(
            $"netprog: warning: the account store {Db} can be read by other users (mode 0644) and holds password hashes; make it private with 'chmod 600 {Db}'.",
            Assert.Single(console.ErrorWriter.Lines));
        Assert.Contains("alice", console.OutWriter.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad name!")]
    [InlineData("a-name-that-is-far-longer-than-32-chars")]
    public async Task Should_refuse_an_invalid_name_as_usage(string name)
    {
        var (exit, console) = await RunAsync("correct-horse-7\n", "users", "add", name, "--password-stdin", "--db", Db);

        Assert.Equal(2, exit);
        Assert.StartsWith("netprog: ", Assert.Single(console.ErrorWriter.Lines));
    }

    [Fact]
    public async Task Should_say_so_when_removing_an_unknown_user()
    {
        await RunAsync("correct-horse-7\n", "users", "add", "somebody", "--password-stdin", "--db", Db);

        var (exit, console) = await RunAsync(string.Empty, "users", "remove", "nobody", "--db", Db);

        Assert.Equal(1, exit);
        Assert.Contains("nobody", Assert.Single(console.ErrorWriter.Lines));
    }

    [Theory]
    [InlineData("list")]
    [InlineData("remove", "alice")]
    [InlineData("passwd", "alice", "--password-stdin")]
    public async Task Should_not_create_a_store_for_a_command_that_only_reads_or_changes_existing_accounts(params string[] args)
    {
        // Given a --db naming a file that does not exist (a typo)
        var typo = Path.Combine(_folder, "acounts.db");

        // When
        var (exit, console) = await RunAsync("correct-horse-7\n", ["users", .. args, "--db", typo]);

        // Then one line says so and how to make one, exit 1, and nothing was created
        Assert.Equal(1, exit);
        Assert.Equal($"netprog: no account store at {typo}: add a user first with 'netprog users add NAME --db {typo}'", Assert.Single(console.ErrorWriter.Lines));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("lab", "--port", "0", "--bind", "127.0.0.1")]
    [InlineData("echo-server", "--login", "--port", "0", "--bind", "127.0.0.1")]
    public async Task Should_not_create_the_missing_folder_of_an_explicit_db_in_any_server(params string[] args)
    {
        // Given a --db in a folder that does not exist
        var db = Path.Combine(_folder, "no-such-folder", "accounts.db");

        // When a server with a login echo starts with it
        var (exit, console) = await RunAsync(string.Empty, [.. args, "--db", db]);

        // Then both refuse it the same way (the account store's one rule), and create nothing
        Assert.Equal(1, exit);
        Assert.Contains($"folder {Path.GetDirectoryName(db)} does not exist", console.ErrorWriter.Text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(db)));
    }

    [Theory]
    [InlineData("--tls and --db go with --login", "echo-server", "--tls")]
    [InlineData("--login is TCP only", "echo-server", "--login", "--udp")]
    [InlineData("--tls-cert and --tls-key go with --tls", "echo-server", "--login", "--tls-cert", "x.pem", "--port", "0")]
    [InlineData("--password-stdin goes with --user", "echo-client", "--password-stdin")]
    [InlineData("invalid --tls-fingerprint 'zz'", "echo-client", "--tls-fingerprint", "zz")]
    public async Task Should_exit_2_for_login_options_that_do_not_fit(string expected, params string[] args)
    {
        var (exit, console) = await RunAsync(string.Empty, [.. args, .. args[0] == "echo-server" && args.Contains("--login") ? new[] { "--db", Db } : []]);

        Assert.Equal(2, exit);
        Assert.Contains(expected, Assert.Single(console.ErrorWriter.Lines));
    }

    private async Task<string> HashOfAsync(string name)
    {
        await using var store = await NetProg.Accounts.AccountStores.OpenAsync(Db);
        return (await store.FindAsync(name))!.PasswordHash;
    }

    private static async Task<(int Exit, TestConsole Console)> RunAsync(string input, params string[] args)
    {
        var console = new TestConsole(input);
        var exit = await CliApp.RunAsync(args, console, CancellationToken.None).WaitAsync(Cli.Timeout);
        return (exit, console);
    }
}
