using System.Diagnostics;
using NetProg.Accounts;

namespace NetProg.Services.Tests.Login;

/// <summary>
/// "530 login incorrect takes about the same time whether the name exists or not": a correctness property of the dummy-hash
/// check, measured alone (<see cref="LoginMeasurementsCollection"/>) so that other tests' CPU load does not blur it. Other
/// test projects still run at the same time in CI, so the fastest of several tries is compared, not the median: load only
/// ever adds time, and the fastest try is the closest to the work itself.
/// </summary>
[Collection(LoginMeasurementsCollection.Name)]
public sealed class LoginEchoTimingTests
{
    [Fact]
    public async Task Should_take_about_as_long_to_refuse_an_unknown_name_as_a_wrong_password()
    {
        // Given the account alice, hashed at a cost that dwarfs the noise of a loaded machine (m = 64 MiB, t = 2: ~250 ms here)
        await using var server = await LoginHost.StartAsync(hashing: new PasswordHasherOptions { Parameters = new Argon2Parameters(64 * 1024, 2, 1) });
        await server.AddUserAsync("alice", "pw");
        await TimeFailedPassAsync(server, "alice"); // warm-up: JIT, SQLite pool

        // When wrong passwords for alice and for an unknown name are timed, alternately, 5 of each
        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            known.Add(await TimeFailedPassAsync(server, "alice"));
            unknown.Add(await TimeFailedPassAsync(server, "nobody"));
        }

        // Then the fastest tries are comparable: the unknown name is checked against a dummy hash of the same cost (without
        // it, the unknown name would be refused in about a millisecond, a ratio near 0.02)
        var ratio = unknown.Min() / known.Min();
        Assert.True(
            ratio is > 0.5 and < 2.0,
            $"fastest unknown name {unknown.Min().TotalMilliseconds:0.0} ms vs wrong password {known.Min().TotalMilliseconds:0.0} ms " +
            $"(unknown: {string.Join(", ", unknown.Select(t => t.TotalMilliseconds.ToString("0.0")))}; known: {string.Join(", ", known.Select(t => t.TotalMilliseconds.ToString("0.0")))})");
    }

    private static async Task<TimeSpan> TimeFailedPassAsync(LoginHost server, string name)
    {
        await using var client = await server.ConnectPastBannerAsync();
        await client.SendAsync($"USER {name}\r\n");
        Assert.Equal("331 password required\r\n", await client.ReadLineAsync());
        var watch = Stopwatch.StartNew();
        await client.SendAsync("PASS definitely-wrong\r\n");
        Assert.Equal("530 login incorrect\r\n", await client.ReadLineAsync());
        var elapsed = watch.Elapsed;

        // QUIT waits for the store bookkeeping of this attempt, so that it does not overlap the next measurement.
        await client.SendAsync("QUIT\r\n");
        Assert.Equal("221 bye\r\n", await client.ReadToEndTextAsync());
        return elapsed;
    }
}
