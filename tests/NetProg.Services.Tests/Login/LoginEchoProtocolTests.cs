using System.Diagnostics;
using NetProg.Services.Login;

namespace NetProg.Services.Tests.Login;

/// <summary>
/// The login echo's conversation, byte for byte (docs/PROTOCOL.md), over in-memory connections: the protocol is the point
/// here, not the socket (the security, TLS, timing and load tests keep real sockets).
/// </summary>
public sealed class LoginEchoProtocolTests
{
    [Fact]
    public async Task Should_greet_log_in_and_echo_each_line_with_its_own_ending_When_the_password_is_right()
    {
        // Given a login echo with the account alice
        await using var server = await LoginHost.StartAsync(inMemory: true);
        await server.AddUserAsync("alice", "correct horse");

        // When alice logs in and sends a CRLF line, an LF line and a command-like line
        await using var client = await server.ConnectAsync();
        var banner = await client.ReadLineAsync();
        await client.SendAsync("USER alice\r\n");
        var passwordRequired = await client.ReadLineAsync();
        await client.SendAsync("PASS correct horse\r\n");
        var welcome = await client.ReadLineAsync();
        await client.SendAsync("hello\r\n");
        var crlfEcho = await client.ReadLineBytesAsync();
        await client.SendAsync("bare lf\n");
        var lfEcho = await client.ReadLineBytesAsync();
        await client.SendAsync("USER mallory\r\n");
        var commandEcho = await client.ReadLineAsync();

        // Then every reply is exact, and each line comes back verbatim with the ending the client used
        Assert.Equal("220 netprog echo with login ready\r\n", banner);
        Assert.Equal("331 password required\r\n", passwordRequired);
        Assert.Equal("230 welcome alice\r\n", welcome);
        Assert.Equal("hello\r\n"u8.ToArray(), crlfEcho);
        Assert.Equal("bare lf\n"u8.ToArray(), lfEcho);
        Assert.Equal("USER mallory\r\n", commandEcho);
    }

    [Fact]
    public async Task Should_answer_every_line_in_order_When_the_whole_session_arrives_in_one_send()
    {
        // Given a login echo with the account alice
        await using var server = await LoginHost.StartAsync(inMemory: true);
        await server.AddUserAsync("alice", "pw");

        // When the client pipelines the login, three lines and QUIT in a single send
        await using var client = await server.ConnectAsync();
        await client.SendAsync("USER alice\r\nPASS pw\r\none\r\ntwo\nthree\r\nQUIT\r\n");
        var received = await client.ReadToEndTextAsync();

        // Then the replies and echoes come back in order, and the server closes after 221
        Assert.Equal(
            "220 netprog echo with login ready\r\n331 password required\r\n230 welcome alice\r\none\r\ntwo\nthree\r\n221 bye\r\n",
            received);
    }

    [Fact]
    public async Task Should_say_please_log_in_When_anything_but_USER_comes_before_the_login()
    {
        // Given a login echo with the account alice
        await using var server = await LoginHost.StartAsync(inMemory: true);
        await server.AddUserAsync("alice", "pw");

        // When a client sends data, and PASS without USER, before logging in
        await using var client = await server.ConnectPastBannerAsync();
        await client.SendAsync("hello\r\n");
        var data = await client.ReadLineAsync();
        await client.SendAsync("PASS pw\r\n");
        var passFirst = await client.ReadLineAsync();
        await client.SendAsync("USER alice\r\nPASS pw\r\nnow echoed\r\n");
        var after = new[] { await client.ReadLineAsync(), await client.ReadLineAsync(), await client.ReadLineAsync() };

        // Then both are refused with 530 please log in, and the session can still log in normally
        Assert.Equal("530 please log in\r\n", data);
        Assert.Equal("530 please log in\r\n", passFirst);
        Assert.Equal(["331 password required\r\n", "230 welcome alice\r\n", "now echoed\r\n"], after);
    }

    [Fact]
    public async Task Should_say_login_incorrect_When_PASS_comes_without_a_password()
    {
        // Found by tests/Reliability: "PASS" alone reached Argon2 with an empty password, which threw and reset the connection.
        await using var server = await LoginHost.StartAsync(inMemory: true);
        await server.AddUserAsync("alice", "pw");

        await using var client = await server.ConnectPastBannerAsync();
        await client.SendAsync("USER alice\r\nPASS\r\nUSER nobody\r\nPASS \r\nUSER alice\r\nPASS pw\r\n");
        var replies = new[] { await client.ReadLineAsync(), await client.ReadLineAsync(), await client.ReadLineAsync(), await client.ReadLineAsync(), await client.ReadLineAsync(), await client.ReadLineAsync() };

        Assert.Equal(
            ["331 password required\r\n", "530 login incorrect\r\n", "331 password required\r\n", "530 login incorrect\r\n", "331 password required\r\n", "230 welcome alice\r\n"],
            replies);
    }

    [Fact]
    public async Task Should_say_bye_and_close_When_the_client_sends_QUIT()
    {
        // Given a logged-in session
        await using var server = await LoginHost.StartAsync(inMemory: true);
        await server.AddUserAsync("alice", "pw");
        await using var client = await server.LogInAsync("alice", "pw");

        // When the client sends QUIT
        await client.SendAsync("QUIT\r\n");

        // Then the server answers 221 bye and closes: nothing else follows
        Assert.Equal("221 bye\r\n", await client.ReadToEndTextAsync());
    }

    [Fact]
    public async Task Should_say_line_too_long_and_close_When_a_line_has_4097_bytes()
    {
        // Given a logged-in session, which echoes a line of exactly 4,096 bytes
        await using var server = await LoginHost.StartAsync(inMemory: true);
        await server.AddUserAsync("alice", "pw");
        await using var client = await server.LogInAsync("alice", "pw");
        var longest = Encoding.ASCII.GetBytes(new string('a', 4096) + "\r\n");
        await client.SendAsync(longest);
        Assert.Equal(longest, await client.ReadLineBytesAsync());

        // When the client sends a line of 4,097 bytes
        await client.SendAsync(Encoding.ASCII.GetBytes(new string('b', 4097) + "\r\n"));

        // Then the server answers 500 line too long and closes, echoing none of it
        Assert.Equal("500 line too long\r\n", await client.ReadToEndTextAsync());
    }

    [Fact]
    public async Task Should_close_with_too_many_failed_logins_When_the_third_password_on_a_connection_is_wrong()
    {
        // Given the account alice
        await using var server = await LoginHost.StartAsync(inMemory: true);
        await server.AddUserAsync("alice", "pw");

        // When one connection tries three wrong passwords
        await using var client = await server.ConnectPastBannerAsync();
        await client.SendAsync("USER alice\r\nPASS wrong1\r\n");
        var first = new[] { await client.ReadLineAsync(), await client.ReadLineAsync() };
        await client.SendAsync("USER alice\r\nPASS wrong2\r\n");
        var second = new[] { await client.ReadLineAsync(), await client.ReadLineAsync() };
        await client.SendAsync("USER alice\r\nPASS wrong3\r\n");
        var rest = await client.ReadToEndTextAsync();

        // Then 530, 530, then 421 too many failed logins and the connection is closed
        Assert.Equal(["331 password required\r\n", "530 login incorrect\r\n"], first);
        Assert.Equal(["331 password required\r\n", "530 login incorrect\r\n"], second);
        Assert.Equal("331 password required\r\n421 too many failed logins\r\n", rest);
        await server.FlushRecordsAsync();
        var stored = await server.Store.FindAsync("alice");
        Assert.Equal(3, stored!.FailedAttempts);
    }

    [Fact]
    public async Task Should_close_with_idle_timeout_When_no_line_arrives_for_the_idle_timeout()
    {
        // Given a login echo whose sessions may be idle for 300 ms
        await using var server = await LoginHost.StartAsync(new LoginEchoOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) }, inMemory: true);
        await server.AddUserAsync("alice", "pw");
        // The clock starts before the login: the server's idle time starts after its 230, which a loaded machine may hand
        // to this test well after it was sent, so a clock started on reading it would run short.
        var idleSince = Stopwatch.StartNew();
        await using var client = await server.LogInAsync("alice", "pw");

        // When the logged-in client sends nothing
        var received = await client.ReadToEndTextAsync();

        // Then the server says 421 idle timeout and closes, not before the timeout has passed
        Assert.Equal("421 idle timeout\r\n", received);
        Assert.True(idleSince.Elapsed >= TimeSpan.FromMilliseconds(250), $"closed after {idleSince.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Should_close_with_login_timeout_When_a_client_keeps_the_line_busy_without_logging_in()
    {
        // Given a login echo that gives a client 600 ms to log in, and a long idle timeout
        await using var server = await LoginHost.StartAsync(
            new LoginEchoOptions { LoginTimeout = TimeSpan.FromMilliseconds(600), IdleTimeout = TimeSpan.FromMinutes(5) },
            inMemory: true);
        var connectedSince = Stopwatch.StartNew();
        await using var client = await server.ConnectPastBannerAsync();

        // When the client sends NOOP every 100 ms (each one resets the idle timeout) and never logs in
        using var stop = new CancellationTokenSource(Waits.Long);
        var reading = client.ReadToEndTextAsync();
        while (!reading.IsCompleted && !stop.IsCancellationRequested)
        {
            try
            {
                await client.SendAsync("NOOP\r\n");
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                break; // The server closed meanwhile.
            }

            await Task.WhenAny(reading, Task.Delay(100, stop.Token));
        }

        // Then every NOOP got its 530, and the login deadline closed the connection, not before it had passed
        var received = await reading.WaitAsync(Waits.Long);
        Assert.EndsWith("421 login timeout\r\n", received);
        Assert.Matches(@"^(530 please log in\r\n)+421 login timeout\r\n$", received);
        Assert.True(connectedSince.Elapsed >= TimeSpan.FromMilliseconds(550), $"closed after {connectedSince.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Should_not_apply_the_login_timeout_When_the_client_has_logged_in()
    {
        // Given a login echo with a 300 ms login deadline and a 1.5 s idle timeout
        await using var server = await LoginHost.StartAsync(
            new LoginEchoOptions { LoginTimeout = TimeSpan.FromMilliseconds(300), IdleTimeout = TimeSpan.FromSeconds(1.5) },
            inMemory: true);
        await server.AddUserAsync("alice", "pw");
        var idleSince = Stopwatch.StartNew();
        await using var client = await server.LogInAsync("alice", "pw");

        // When the logged-in client stays quiet past the login deadline
        var received = await client.ReadToEndTextAsync();

        // Then only the idle timeout ends it
        Assert.Equal("421 idle timeout\r\n", received);
        Assert.True(idleSince.Elapsed >= TimeSpan.FromSeconds(1.4), $"closed after {idleSince.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Should_record_the_last_login_and_reset_failures_When_a_login_succeeds()
    {
        // Given alice with one failed attempt on record
        await using var server = await LoginHost.StartAsync(inMemory: true);
        await server.AddUserAsync("alice", "pw");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using (var failing = await server.ConnectPastBannerAsync())
        {
            await failing.SendAsync("USER alice\r\nPASS nope\r\nQUIT\r\n");
            Assert.Equal("331 password required\r\n530 login incorrect\r\n221 bye\r\n", await failing.ReadToEndTextAsync());
        }

        await server.FlushRecordsAsync();
        Assert.Equal(1, (await server.Store.FindAsync("alice"))!.FailedAttempts);

        // When she logs in (the login's bookkeeping is written off the connection's path: waited for here)
        await using var client = await server.LogInAsync("alice", "pw");
        await client.SendAsync("QUIT\r\n");
        Assert.Equal("221 bye\r\n", await client.ReadToEndTextAsync());

        // Then the store has her last login and no failed attempts
        await server.FlushRecordsAsync();
        var account = (await server.Store.FindAsync("alice"))!;
        Assert.Equal(0, account.FailedAttempts);
        Assert.NotNull(account.LastLogin);
        Assert.InRange(account.LastLogin!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }
}
