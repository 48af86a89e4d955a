namespace NetProg.Integration.Tests.Login;

/// <summary>The flags of <c>echo-server --login</c> that shape sessions: idle timeout and throttling.</summary>
public sealed class EchoLoginServerOptionsTests
{
    [Fact]
    public async Task Should_say_idle_timeout_and_close_When_a_client_stays_silent_past_idle_timeout()
    {
        // Given a login echo server with --idle-timeout 1s
        using var folder = new TempFolder();
        var db = folder.File("a.db");
        using var server = await LoginCli.StartServerWithUserAsync(folder, db, ("alice", "correct-horse-7"), "--idle-timeout", "1s");

        // When nc connects and sends nothing (stdin /dev/null, no half-close: nc waits for the server)
        using var nc = ChildProcess.Start(ExecutableSearch.Require("nc", "netcat-openbsd"), ["127.0.0.1", LoginCli.Text(server.Port)], "/dev/null");

        // Then the server greets it, then says 421 idle timeout and closes
        await OutputAssert.ExitsWithAsync(nc, 0);
        Assert.Equal("220 netprog echo with login ready\r\n421 idle timeout\r\n", nc.StdoutText);
    }

    [Fact]
    public async Task Should_refuse_the_attempt_after_the_free_failures_When_started_with_throttle_failures_2()
    {
        // Given a login echo server allowing 2 failed logins per name
        using var folder = new TempFolder();
        var db = folder.File("a.db");
        using var server = await LoginCli.StartServerWithUserAsync(folder, db, ("alice", "correct-horse-7"), "--throttle-failures", "2");

        // When nc guesses twice and then gives the right password
        var input = folder.WriteText("guesses.txt", "USER alice\r\nPASS a\r\nUSER alice\r\nPASS b\r\nUSER alice\r\nPASS correct-horse-7\r\n");
        using var nc = ChildProcess.Start(ExecutableSearch.Require("nc", "netcat-openbsd"), ["-N", "127.0.0.1", LoginCli.Text(server.Port)], input);

        // Then the third attempt is refused with 421 and the connection closed
        await OutputAssert.ExitsWithAsync(nc, 0);
        Assert.Equal(
            "220 netprog echo with login ready\r\n331 password required\r\n530 login incorrect\r\n" +
            "331 password required\r\n530 login incorrect\r\n331 password required\r\n421 too many attempts, try later\r\n",
            nc.StdoutText);
        await server.Process.WaitForStderrLineAsync(new("throttled \\(alice\\)"), Waits.Line);
    }

    [Theory]
    [InlineData("--throttle-failures", "0")]
    [InlineData("--throttle-failures", "many")]
    [InlineData("--throttle-max-delay", "soon")]
    public async Task Should_exit_2_with_a_usage_line_When_a_throttle_flag_is_invalid(string flag, string value)
    {
        // Given an SQLite file for the server
        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "a.db");

        // When the server is started with a throttle flag that makes no sense
        using var server = NetProgApp.Start(
            ["echo-server", "--login", "--db", db, "--port", "0", "--bind", "127.0.0.1", flag, value], null, LoginCli.Environment(folder));

        // Then it is a usage error naming the flag, not an internal error
        await OutputAssert.ExitsWithAsync(server, 2);
        var error = OutputAssert.SingleErrorLine(server);
        Assert.Contains(flag, error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20m")]
    [InlineData("500ms")]
    public async Task Should_start_When_the_longest_throttle_delay_is_beyond_the_other_defaults(string maxDelay)
    {
        // Given a longest delay above the 15 min memory of failures, or below the 1 s first delay
        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "a.db");

        // When
        using var server = NetProgApp.Start(
            ["echo-server", "--login", "--db", db, "--port", "0", "--bind", "127.0.0.1", "--throttle-max-delay", maxDelay], null, LoginCli.Environment(folder));

        // Then the dependent delays follow it, and the server listens
        await server.WaitForStdoutLineAsync(NetProgApp.ListeningLine(), Waits.Line);
        OutputAssert.NoStackTrace(server);
    }
}
