using System.Diagnostics;
using NetProg.Accounts;
using NetProg.Services.Clients;

namespace NetProg.Services.Tests.Login;

/// <summary>A burst of logins must not starve sessions that are already logged in: hashing is off the I/O path and gated.</summary>
[Collection(LoginMeasurementsCollection.Name)]
public sealed class LoginEchoLoadTests
{
    private const int Burst = 100;
    private const int Echoers = 10;

    private static readonly PasswordHasherOptions Hashing = new() { Parameters = new Argon2Parameters(4 * 1024, 1, 1) };

    [Fact]
    public async Task Should_log_in_100_clients_at_once_while_10_logged_in_clients_keep_echoing()
    {
        // Given 110 accounts hashed at a real Argon2id cost (4 MiB: the default 19 MiB takes ~20 s for 100 logins on 2 cores),
        // gated at the default concurrency, and a throttle that does not count the burst
        await using var server = await LoginHost.StartAsync(hashing: Hashing, throttle: LoginHost.Lenient);
        var hash = await server.Hasher.HashAsync("pw");
        for (var i = 0; i < Burst + Echoers; i++)
        {
            await server.Store.AddAsync($"user{i}", hash);
        }

        // And 10 clients already logged in, echoing one line after another
        var sessions = new List<EchoSession>();
        for (var i = 0; i < Echoers; i++)
        {
            sessions.Add(await OpenAsync(server, $"user{Burst + i}"));
        }

        using var burstOver = new CancellationTokenSource();
        var echoing = sessions.Select(session => EchoUntilAsync(session, burstOver.Token)).ToList();

        try
        {
            // When 100 clients log in at once
            var watch = Stopwatch.StartNew();
            var logins = Enumerable.Range(0, Burst).Select(async i =>
            {
                await using var session = await OpenAsync(server, $"user{i}");
                return session.Welcome;
            }).ToList();
            var welcomes = await Task.WhenAll(logins).WaitAsync(TimeSpan.FromSeconds(60));
            var burstTime = watch.Elapsed;
            await burstOver.CancelAsync();
            var echoes = await Task.WhenAll(echoing).WaitAsync(Waits.Long);

            // Then every one of them is welcomed
            Assert.Equal(Enumerable.Range(0, Burst).Select(i => $"230 welcome user{i}"), welcomes);

            // And every echoer kept getting its lines back quickly all through the burst
            var slowest = echoes.Max(e => e.Slowest);
            Assert.All(echoes, e => Assert.True(e.Count >= 2, $"an echoer got only {e.Count} echoes in {burstTime.TotalSeconds:0.0} s"));
            Assert.True(
                slowest < TimeSpan.FromSeconds(2),
                $"slowest echo round trip {slowest.TotalMilliseconds:0} ms during a {burstTime.TotalSeconds:0.0} s burst of {Burst} logins");
        }
        finally
        {
            await burstOver.CancelAsync();
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Should_log_in_100_clients_of_one_address_at_once_When_the_throttle_has_the_servers_defaults()
    {
        // Given 100 accounts, and the throttle options echo-server --login uses (only the per-name ones are flags)
        await using var server = await LoginHost.StartAsync(hashing: Hashing, throttle: new LoginThrottleOptions());
        var hash = await server.Hasher.HashAsync("pw");
        for (var i = 0; i < Burst; i++)
        {
            await server.Store.AddAsync($"user{i}", hash);
        }

        // When 100 clients from 127.0.0.1, each with its own name and the right password, log in at once
        var logins = Enumerable.Range(0, Burst).Select(async i =>
        {
            try
            {
                await using var session = await OpenAsync(server, $"user{i}");
                return session.Welcome;
            }
            catch (LoginRefusedException e)
            {
                return e.Reply;
            }
        }).ToList();
        var replies = await Task.WhenAll(logins).WaitAsync(TimeSpan.FromSeconds(60));

        // Then every one is welcomed: none of them failed a password, so none should be throttled
        var refused = replies.Where(r => r is null || !r.StartsWith("230 ", StringComparison.Ordinal)).ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} of {Burst} correct logins refused, e.g. '{refused.FirstOrDefault()}'");
    }

    private static Task<EchoSession> OpenAsync(LoginHost server, string name) =>
        EchoSession.OpenAsync(
            "127.0.0.1",
            server.Port,
            new EchoConnectOptions(TimeSpan.FromSeconds(50), null, new LoginCredentials(name, "pw")),
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(55));

    private static async Task<(int Count, TimeSpan Slowest)> EchoUntilAsync(EchoSession session, CancellationToken stop)
    {
        var count = 0;
        var slowest = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            var line = Encoding.ASCII.GetBytes($"echo {count} while others log in\n");
            var watch = Stopwatch.StartNew();
            var reply = await session.ExchangeAsync(line, CancellationToken.None).WaitAsync(Waits.Long, CancellationToken.None);
            var elapsed = watch.Elapsed;
            Assert.Equal(line, reply);
            slowest = elapsed > slowest ? elapsed : slowest;
            count++;
        }

        return (count, slowest);
    }
}
