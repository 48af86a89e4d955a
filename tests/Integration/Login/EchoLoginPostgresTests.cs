namespace NetProg.Integration.Tests.Login;

/// <summary>Two <c>echo-server --login</c> processes on one PostgreSQL database: one set of accounts, live.</summary>
[Collection(LoginPostgresCollection.Name)]
public sealed class EchoLoginPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Should_log_in_through_either_server_When_two_servers_share_one_PostgreSQL_store()
    {
        // Given alice added through the connection string, and two servers on that database
        using var folder = new TempFolder();
        var db = postgres.ConnectionString("postgres");
        await LoginCli.AddUserAsync(folder, db, "alice", "correct-horse-7");
        using var first = await LoginCli.StartServerAsync(folder, db);
        using var second = await LoginCli.StartServerAsync(folder, db);
        Assert.Contains(first.Process.StdoutLines, l => l.StartsWith("accounts: PostgreSQL", StringComparison.Ordinal));

        // When alice logs in through the first, and bob, added while both run, logs in through the second
        var viaFirst = await NcSessionAsync(folder, first.Port, "alice");
        await LoginCli.AddUserAsync(folder, db, "bob", "correct-horse-7");
        var viaSecond = await NcSessionAsync(folder, second.Port, "bob");
        var aliceViaSecond = await NcSessionAsync(folder, second.Port, "alice");

        // Then each is welcomed and echoed by either server
        Assert.Equal(Expected("alice"), viaFirst);
        Assert.Equal(Expected("bob"), viaSecond);
        Assert.Equal(Expected("alice"), aliceViaSecond);

        // And users list through the connection string shows their last logins (not "never") and no failures
        using var list = NetProgApp.Start(["users", "list", "--db", db], null, LoginCli.Environment(folder));
        await OutputAssert.ExitsWithAsync(list, 0);
        foreach (var name in new[] { "alice", "bob" })
        {
            var row = list.StdoutLines.SingleOrDefault(l => Regex.IsMatch(l, $@"^\s*{name}\s"));
            Assert.True(row is not null, list.Describe());
            Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+0\s*$", row);
        }
    }

    private static string Expected(string name) =>
        $"220 netprog echo with login ready\r\n331 password required\r\n230 welcome {name}\r\nhi from {name}\r\n221 bye\r\n";

    private static async Task<string> NcSessionAsync(TempFolder folder, int port, string name)
    {
        var input = folder.WriteText($"nc-{Guid.NewGuid():N}.txt", $"USER {name}\r\nPASS correct-horse-7\r\nhi from {name}\r\nQUIT\r\n");
        using var nc = ChildProcess.Start(ExecutableSearch.Require("nc", "netcat-openbsd"), ["-N", "127.0.0.1", LoginCli.Text(port)], input);
        await OutputAssert.ExitsWithAsync(nc, 0);
        return nc.StdoutText;
    }
}
