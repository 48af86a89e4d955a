using NetProg.Services.Check;
using NetProg.Services.Check.Login;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The login checks against servers that break every rule: silent, closing at once, flooding garbage. Each is a
/// finding within the checks' bounds, never a hang or an exception.
/// </summary>
public sealed class LoginCheckHostileTests
{
    [Theory]
    [InlineData(nameof(Peer.Silent), @"^waited for '\^Welcome' \(line 4 of login_ok\.script\); came instead: nothing for 1 s$")]
    [InlineData(nameof(Peer.CloseAtOnce), @"; came instead: nothing: the server closed the connection$")]
    [InlineData(nameof(Peer.Flood), @"; came instead: '\\x1B\[2J\\x00\\xFF\\xFEz+'….*, then more than 256 KiB without a match$")]
    public async Task Should_fail_login_with_what_came_and_skip_the_rest_When_the_server_is_silent_closes_at_once_or_floods_garbage(string behaviour, string observed)
    {
        // Given a server that stays silent, closes each connection at once, or sends escape sequences and binary lines without end
        await using var peer = Peer.Start(behaviour);

        // When the login checks run with the transcript and a 1 s timeout
        CheckReport report = await CheckAsync(peer.Port, script: true);

        // Then login fails saying what came (bounded, escaped), and the others wait for a working login
        Assert.True(LoginCheckTests.Verdicts(report) == "pass fail skip skip skip skip skip skip", LoginCheckTests.Describe(report));
        Assert.Matches(observed, report.Checks[1].Observed);
        Assert.DoesNotContain(report.Checks, c => c.Observed.Any(char.IsControl));
    }

    [Fact]
    public async Task Should_skip_saying_nothing_came_When_a_silent_server_is_checked_without_a_script()
    {
        // Given a server that accepts and stays silent
        await using var peer = Peer.Start(nameof(Peer.Silent));

        // When the login checks run without a script
        CheckReport report = await CheckAsync(peer.Port, script: false);

        // Then they are skipped: no netprog greeting came, a script is needed
        Assert.True(LoginCheckTests.Verdicts(report) == "pass skip skip skip skip skip skip skip", LoginCheckTests.Describe(report));
        Assert.StartsWith("needs --script FILE: the server greeted with nothing for 1 s, not netprog's 220", report.Checks[1].Observed, StringComparison.Ordinal);
    }

    private static Task<CheckReport> CheckAsync(int port, bool script) =>
        ServerChecker.RunAsync(
            new ServerCheckRequest(CheckKind.LoginServer, "127.0.0.1", port)
            {
                Options = new CheckOptions { Timeout = TimeSpan.FromSeconds(1), Only = LoginCheckTests.Ids.ToHashSet() },
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

        public static Peer Start(string behaviour)
        {
            var peer = new Peer();
            peer._listener.Start();
            peer._accepting = peer.AcceptAsync(behaviour switch
            {
                nameof(Silent) => Silent,
                nameof(CloseAtOnce) => CloseAtOnce,
                _ => Flood,
            });
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
            _listener.Dispose();
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
