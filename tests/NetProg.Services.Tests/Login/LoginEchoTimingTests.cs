using System.Diagnostics;
using NetProg.Accounts;

namespace NetProg.Services.Tests.Login;

/// <summary>
/// "530 login incorrect takes about the same time whether the name exists or not": a correctness property of the dummy-hash
/// check, measured alone (<see cref="LoginMeasurementsCollection"/>) so that other tests' CPU load does not blur it.
/// </summary>
[Collection(LoginMeasurementsCollection.Name)]
public sealed class LoginEchoTimingTests
{
    [Fact]
    public async Task Should_take_about_as_long_to_refuse_an_unknown_name_as_a_wrong_password()
    {
        // Given the account alice, hashed at a cost that dominates the time of a reply (m = 4 MiB)
        await using var server = await LoginHost.StartAsync(hashing: new PasswordHasherOptions { Parameters = new Argon2Parameters(4 * 1024, 1, 1) });
        await server.AddUserAsync("alice", "pw");
        await TimeFailedPassAsync(server, "alice"); // warm-up: JIT, SQLite pool

        // When wrong passwords for alice and for an unknown name are timed, alternately, 7 of each
        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            known.Add(await TimeFailedPassAsync(server, "alice"));
            unknown.Add(await TimeFailedPassAsync(server, "nobody"));
        }

        // Then the medians are comparable: the unknown name is checked against a dummy hash of the same cost
        var ratio = Median(unknown) / Median(known);
        Assert.True(
            ratio is > 0.5 and < 2.0,
            $"median unknown name {Median(unknown).TotalMilliseconds:0.0} ms vs wrong password {Median(known).TotalMilliseconds:0.0} ms " +
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

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);
}
