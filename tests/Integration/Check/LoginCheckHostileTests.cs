using System.Net;
using System.Net.Sockets;
using NetProg.Integration.Tests.Harness;
using NetProg.Services.Check;
using NetProg.Services.Check.Login;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The login checks against servers that break every rule: silent, closing at once, flooding garbage. Each is a
/// finding within the checks' bounds, never a hang or an exception.
/// </summary>
public sealed class LoginCheckHostileTests
{
    private static readonly string[] Ids =
    [
        CheckIds.Reachable, CheckIds.Login, CheckIds.WrongPassword, CheckIds.Enumeration, CheckIds.FragmentedLogin,
        CheckIds.LongLine, CheckIds.ResetMidLogin, CheckIds.ConcurrentSessions,
    ];

    [Fact]
    public async Task Should_fail_login_on_the_first_reply_and_skip_the_rest_When_the_server_never_says_a_word()
    {
        // Given a server that accepts and stays silent
        await using var peer = Peer.Start(Peer.Silent);

        // When the login checks run with the transcript and a 1 s timeout
        CheckReport report = await CheckAsync(peer.Port, script: true);

        // Then login fails at the banner with what came (nothing), and the others wait for a working login
        Assert.True(LoginCheckTests.Verdicts(report) == "pass fail skip skip skip skip skip skip", LoginCheckTests.Describe(report));
        Assert.Equal("waited for '^Welcome' (line 4 of login_ok.script); came instead: nothing for 1 s", report.Checks[1].Observed);
    }

    [Fact]
    public async Task Should_skip_saying_nothing_came_When_a_silent_server_is_checked_without_a_script()
    {
        // Given a server that accepts and stays silent
        await using var peer = Peer.Start(Peer.Silent);

        // When the login checks run without a script
        CheckReport report = await CheckAsync(peer.Port, script: false);

        // Then they are skipped: no netprog greeting came, a script is needed
        Assert.True(LoginCheckTests.Verdicts(report) == "pass skip skip skip skip skip skip skip", LoginCheckTests.Describe(report));
        Assert.StartsWith("needs --script FILE: the server greeted with nothing for 1 s, not netprog's 220", report.Checks[1].Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_login_saying_the_server_closed_When_it_closes_every_connection_at_once()
    {
        // Given a server that closes each connection as soon as it accepts it
        await using var peer = Peer.Start(Peer.CloseAtOnce);

        // When the login checks run
        CheckReport report = await CheckAsync(peer.Port, script: true);

        // Then login fails with that
        Assert.True(LoginCheckTests.Verdicts(report) == "pass fail skip skip skip skip skip skip", LoginCheckTests.Describe(report));
        Assert.EndsWith("came instead: nothing: the server closed the connection", report.Checks[1].Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_stop_reading_and_quote_escaped_bytes_When_the_server_floods_garbage_and_escape_sequences()
    {
        // Given a server that sends terminal escape sequences and binary lines without end
        await using var peer = Peer.Start(Peer.Flood);

        // When the login checks run
        CheckReport report = await CheckAsync(peer.Port, script: true);

        // Then login fails once the bound on what is read is reached, quoting the bytes escaped
        Assert.True(LoginCheckTests.Verdicts(report) == "pass fail skip skip skip skip skip skip", LoginCheckTests.Describe(report));
        Assert.Contains("then more than 256 KiB without a match", report.Checks[1].Observed, StringComparison.Ordinal);
        Assert.Contains("\\x1B[2J", report.Checks[1].Observed, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Checks, c => c.Observed.Any(char.IsControl));
    }

    private static Task<CheckReport> CheckAsync(int port, bool script) =>
        ServerChecker.RunAsync(
            new ServerCheckRequest(CheckKind.LoginServer, "127.0.0.1", port)
            {
                Options = new CheckOptions { Timeout = TimeSpan.FromSeconds(1), Only = Ids.ToHashSet() },
                Login = script ? LoginCheckSettings.FromFile(LoginCheckTests.Script, "alice", "secret") : new LoginCheckSettings { User = "alice", Password = "secret" },
            },
            CancellationToken.None);

    /// <summary>A hostile server on loopback: every accepted connection gets <c>behaviour</c>, until the test ends.</summary>
    private sealed class Peer : IAsyncDisposable
    {
        private static readonly byte[] Garbage = [0x1B, (byte)'[', (byte)'2', (byte)'J', 0x00, 0xFF, 0xFE, .. Enumerable.Repeat((byte)'z', 1000), (byte)'\n'];

        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _clients = [];
        private Task _accepting = Task.CompletedTask;

        private Peer()
        {
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static Peer Start(Func<Socket, CancellationToken, Task> behaviour)
        {
            var peer = new Peer();
            peer._listener.Start();
            peer._accepting = peer.AcceptAsync(behaviour);
            return peer;
        }

        public static async Task Silent(Socket client, CancellationToken stop) => await Task.Delay(Timeout.Infinite, stop);

        public static Task CloseAtOnce(Socket client, CancellationToken stop) => Task.CompletedTask;

        public static async Task Flood(Socket client, CancellationToken stop)
        {
            while (true)
            {
                await client.SendAsync(Garbage, SocketFlags.None, stop);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await Task.WhenAll([.. _clients, _accepting]).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }

        private async Task AcceptAsync(Func<Socket, CancellationToken, Task> behaviour)
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptSocketAsync(_stop.Token);
                    _clients.Add(ServeAsync(client, behaviour));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task ServeAsync(Socket client, Func<Socket, CancellationToken, Task> behaviour)
        {
            using (client)
            {
                try
                {
                    await behaviour(client, _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    // The checker went away, or the test ended.
                }
            }
        }
    }
}
