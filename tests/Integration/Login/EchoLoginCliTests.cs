namespace NetProg.Integration.Tests.Login;

/// <summary><c>netprog echo-server --login</c> with an SQLite file, as nc and <c>netprog echo-client</c> see it.</summary>
public sealed class EchoLoginCliTests
{
    [Fact]
    public async Task Should_show_the_whole_conversation_When_nc_logs_in_echoes_a_line_and_quits()
    {
        // Given alice added with users add, and a login echo server on her database
        using var folder = new TempFolder();
        var db = folder.File("a.db");
        using var server = await LoginCli.StartServerWithUserAsync(folder, db, ("alice", "correct-horse-7"));

        // When nc sends the login, a line and QUIT, then half-closes
        var input = folder.WriteText("session.txt", "USER alice\r\nPASS correct-horse-7\r\nhello\r\nQUIT\r\n");
        using var nc = ChildProcess.Start(ExecutableSearch.Require("nc", "netcat-openbsd"), ["-N", "127.0.0.1", LoginCli.Text(server.Port)], input);

        // Then nc shows exactly the greeting, the replies, the echo and the goodbye
        await OutputAssert.ExitsWithAsync(nc, 0);
        Assert.Equal(
            "220 netprog echo with login ready\r\n331 password required\r\n230 welcome alice\r\nhello\r\n221 bye\r\n",
            nc.StdoutText);
        OutputAssert.NoStackTrace(server.Process);
    }

    [Fact]
    public async Task Should_print_only_the_echoed_lines_When_echo_client_logs_in_with_the_password_on_stdin()
    {
        // Given alice and a login echo server
        using var folder = new TempFolder();
        var db = folder.File("a.db");
        using var server = await LoginCli.StartServerWithUserAsync(folder, db, ("alice", "s3cret pass"));

        // When echo-client reads the password from the first line of stdin and streams the rest
        using var good = await LoginCli.RunEchoClientAsync(folder, server.Port, "alice", "s3cret pass\nline one\nline two\r\n");
        using var bad = await LoginCli.RunEchoClientAsync(folder, server.Port, "alice", "wrong pass\nline one\n");

        // Then with the right password stdout is exactly the rest of stdin, byte for byte
        Assert.True(good.StdoutText == "line one\nline two\r\n", good.Describe());
        Assert.Equal(0, await good.WaitForExitAsync(Waits.Exit));

        // And with a wrong one it exits 1 with one error line quoting the 530, and echoes nothing
        await OutputAssert.ExitsWithAsync(bad, 1);
        Assert.Contains("530", OutputAssert.SingleErrorLine(bad), StringComparison.Ordinal);
        Assert.Empty(bad.StdoutBytes);
        OutputAssert.NoStackTrace(bad);
    }

    [Fact]
    public async Task Should_leave_no_plaintext_password_in_the_database_or_the_output_When_users_log_in_and_fail()
    {
        // Given alice with a distinctive password, and a server logging every login at its default level
        const string password = "Clear-Text-Pw-41c9";
        const string wrong = "Wrong-Guess-Pw-77d2";
        using var folder = new TempFolder();
        var db = folder.File("a.db");
        using var server = await LoginCli.StartServerWithUserAsync(folder, db, ("alice", password));

        // When she logs in once with a wrong password, once with hers, and an unknown name tries her password
        var nc = ExecutableSearch.Require("nc", "netcat-openbsd");
        var script = $"USER alice\r\nPASS {wrong}\r\nUSER alice\r\nPASS {password}\r\nQUIT\r\n";
        using (var session = ChildProcess.Start(nc, ["-N", "127.0.0.1", LoginCli.Text(server.Port)], folder.WriteText("s1.txt", script)))
        {
            await OutputAssert.ExitsWithAsync(session, 0);
            Assert.Contains("530 login incorrect\r\n", session.StdoutText, StringComparison.Ordinal);
            Assert.Contains("230 welcome alice\r\n", session.StdoutText, StringComparison.Ordinal);
        }

        using (var session = ChildProcess.Start(nc, ["-N", "127.0.0.1", LoginCli.Text(server.Port)], folder.WriteText("s2.txt", $"USER ghost\r\nPASS {password}\r\nQUIT\r\n")))
        {
            await OutputAssert.ExitsWithAsync(session, 0);
        }

        // (the server's log lines for these attempts are out: waiting on them, not on a clock)
        await server.Process.WaitForStderrLineAsync(new("login failed for ghost"), Waits.Line);
        await server.Process.WaitForStderrLineAsync(new("alice logged in"), Waits.Line);

        // Then neither password is in the SQLite file, its WAL, or anything the server printed
        var files = new[] { db, db + "-wal" }.Where(File.Exists).ToList();
        var stored = files.Select(ReadShared).ToList();
        Assert.Contains(stored, bytes => bytes.AsSpan().IndexOf("$argon2id$"u8) >= 0);
        foreach (var secret in new[] { password, wrong })
        {
            var needle = Encoding.UTF8.GetBytes(secret);
            Assert.All(stored, bytes => Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"'{secret}' is in the database files"));
            Assert.DoesNotContain(secret, server.Process.StdoutText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, server.Process.StderrText, StringComparison.Ordinal);
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
