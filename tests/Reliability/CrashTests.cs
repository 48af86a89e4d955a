using Microsoft.Data.Sqlite;
using NetProg.Accounts;
using NetProg.Integration.Tests.Login;

namespace NetProg.Reliability.Tests;

/// <summary>
/// Crashes and kills (docs/RELIABILITY.md, "Under attack"): <c>kill -9</c> at random moments of <c>users add</c> and of
/// the login server while clients log in. Whatever was cut off, the SQLite database must open, pass <c>PRAGMA
/// integrity_check</c>, and hold every account whose command said it was added, with a password that verifies.
/// </summary>
public sealed class CrashTests
{
    private const int Rounds = 50;
    private const int Parallel = 5;

    [LinuxFact]
    public async Task Should_keep_the_SQLite_database_whole_and_every_reported_account_When_users_add_and_the_server_are_killed_at_random_moments()
    {
        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "accounts.db");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await LoginCli.AddUserAsync(folder, db, "alice", "s3cret pass");
        // Kill moments spread over 3 times what one whole `users add` takes on this machine now (five at once share two
        // cores): before, during and after its transaction. Start-up dominates, and varies with the machine's load.
        var span = (int)(clock.ElapsedMilliseconds * 3);
        var server = await LoginCli.StartServerAsync(folder, db);
        var random = new Random(9);
        var reported = new List<string>();
        var killedAdds = 0;
        var serverKills = 0;
        try
        {
            for (var batch = 0; batch < Rounds / Parallel; batch++)
            {
                // Logins write last-login and failure counts while users are added: both sides of the database are busy.
                var login = LoginWire.LogInAndEchoAsync(server.Port, "alice", "s3cret pass");

                // Five at once, each killed at its own moment: SQLite's locking between processes is part of what is tested.
                var adds = Enumerable.Range(batch * Parallel, Parallel).Select(async round =>
                {
                    var name = $"user{round}";
                    var input = folder.WriteText($"pw-{round}.txt", $"correct-horse-{round}\n");
                    using var add = NetProgApp.Start(["users", "add", name, "--password-stdin", "--db", db], input, LoginCli.Environment(folder));
                    var moment = TimeSpan.FromMilliseconds(random.Next(0, span));
                    try
                    {
                        return await add.WaitForExitAsync(moment) == 0 && add.StdoutText.Contains($"added {name}", StringComparison.Ordinal) ? name : null;
                    }
                    catch (TimeoutException)
                    {
                        // Disposing sends SIGKILL (Process.Kill).
                        Interlocked.Increment(ref killedAdds);
                        return null;
                    }
                });
                reported.AddRange((await Task.WhenAll(adds)).OfType<string>());

                if (batch % 2 == 1)
                {
                    // kill -9 the server at a random moment of a login, and start it again on the same database.
                    var victim = LoginWire.LogInAndEchoAsync(server.Port, "alice", "wrong password");
                    await Task.Delay(random.Next(0, 300));
                    server.Dispose();
                    serverKills++;
                    await Task.WhenAny(victim, login);
                    server = await LoginCli.StartServerAsync(folder, db);
                }
                else
                {
                    Assert.True(await login, "a login during the kills failed");
                }
            }
        }
        finally
        {
            server.Dispose();
        }

        // The file as the next program finds it: intact, and every account that was reported added is there and verifies.
        string integrity;
        await using (var connection = new SqliteConnection($"Data Source={db}"))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            integrity = (string)(await check.ExecuteScalarAsync())!;
        }

        var missing = new List<string>();
        var wrongPassword = new List<string>();
        await using (var store = await AccountStores.OpenAsync(db))
        using (var hasher = new PasswordHasher())
        {
            foreach (var account in await store.ListAsync())
            {
                var round = account.Name == "alice" ? -1 : int.Parse(account.Name["user".Length..], CultureInfo.InvariantCulture);
                var password = round < 0 ? "s3cret pass" : $"correct-horse-{round}";
                if (!(await hasher.VerifyAsync(password, account.PasswordHash)).Succeeded)
                {
                    wrongPassword.Add(account.Name);
                }
            }

            foreach (var name in reported)
            {
                if (await store.FindAsync(name) is null)
                {
                    missing.Add(name);
                }
            }
        }

        var measured = $"{reported.Count} adds reported success, {killedAdds} killed mid-way, {serverKills} server kills; integrity_check: {integrity}; missing: {missing.Count}, wrong password: {wrongPassword.Count}";
        var held = integrity == "ok" && missing.Count == 0 && wrongPassword.Count == 0;
        ReliabilityReport.Row("kill -9 (SQLite)", $"{Rounds} `users add` ({Parallel} at a time) killed at random moments, the login server killed {serverKills} times mid-login", measured, held);
        Assert.Equal("ok", integrity);
        Assert.Empty(missing);
        Assert.Empty(wrongPassword);
        Assert.True(killedAdds > 0 && reported.Count > 0, "the random moments never hit both outcomes: " + measured);
    }
}
