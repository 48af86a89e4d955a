namespace NetProg.Cli.Tests;

/// <summary><c>netprog users ...</c> against a real SQLite file in a temp folder (issue #3).</summary>
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
        await RunAsync("pw\n", "users", "add", "bob", "--password-stdin", "--db", Db);

        var (exit, console) = await RunAsync("pw\n", "users", "add", "bob", "--password-stdin", "--db", Db);

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
    [InlineData("bad name!")]
    [InlineData("a-name-that-is-far-longer-than-32-chars")]
    public async Task Should_refuse_an_invalid_name_as_usage(string name)
    {
        var (exit, console) = await RunAsync("pw\n", "users", "add", name, "--password-stdin", "--db", Db);

        Assert.Equal(2, exit);
        Assert.StartsWith("netprog: ", Assert.Single(console.ErrorWriter.Lines));
    }

    [Fact]
    public async Task Should_say_so_when_removing_an_unknown_user()
    {
        var (exit, console) = await RunAsync(string.Empty, "users", "remove", "nobody", "--db", Db);

        Assert.Equal(1, exit);
        Assert.Contains("nobody", Assert.Single(console.ErrorWriter.Lines));
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

    private static async Task<(int Exit, TestConsole Console)> RunAsync(string input, params string[] args)
    {
        var console = new TestConsole(input);
        var exit = await CliApp.RunAsync(args, console, CancellationToken.None).WaitAsync(Cli.Timeout);
        return (exit, console);
    }
}
