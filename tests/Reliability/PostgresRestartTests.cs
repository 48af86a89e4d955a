using NetProg.Integration.Tests.Login;

namespace NetProg.Reliability.Tests;

/// <summary>
/// The account store going away under the login server (docs/RELIABILITY.md, "Under attack"): PostgreSQL crashes and
/// restarts (<c>pg_ctl restart -m immediate</c>) while clients log in. Each client gets a protocol answer — welcome, or
/// 421 "service not available" — never a silent reset or a hang, and logins work again after the restart without
/// restarting netprog.
/// </summary>
public sealed class PostgresRestartTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [LinuxFact]
    public async Task Should_answer_every_login_while_PostgreSQL_crashes_and_restarts_and_log_in_again_afterwards()
    {
        using var folder = new TempFolder();
        // With Npgsql's connection pool, as a deployment would have it: after the restart the pool holds dead connections.
        var db = (await postgres.CreateDatabaseAsync()).Replace("Pooling=false;", string.Empty, StringComparison.Ordinal);
        await LoginCli.AddUserAsync(folder, db, "alice", "correct-horse-7");
        using var server = await LoginCli.StartServerAsync(folder, db);
        Assert.StartsWith("230 ", await LoginWire.TryLogInAsync(server.Port, "alice", "correct-horse-7"), StringComparison.Ordinal);

        // Logins one after another, while the database crashes and comes back twice.
        using var stop = new CancellationTokenSource();
        var replies = new List<string>();
        var logins = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var reply = await LoginWire.TryLogInAsync(server.Port, "alice", "correct-horse-7");
                lock (replies)
                {
                    replies.Add(reply);
                }
            }
        });
        await postgres.CrashAndRestartAsync();
        await postgres.CrashAndRestartAsync();
        await stop.CancelAsync();
        await logins;

        // Afterwards: welcome again, within a few attempts (the pool drops a dead connection when it fails).
        string? after = null;
        for (var attempt = 0; attempt < 5 && after?.StartsWith("230 ", StringComparison.Ordinal) != true; attempt++)
        {
            after = await LoginWire.TryLogInAsync(server.Port, "alice", "correct-horse-7");
        }

        var unexpected = replies.Where(r => !r.StartsWith("230 ", StringComparison.Ordinal) && !r.StartsWith("421 ", StringComparison.Ordinal)).ToList();
        var measured = $"{replies.Count} logins during two crashes: {replies.Count(r => r.StartsWith("230 ", StringComparison.Ordinal))} welcomed, {replies.Count(r => r.StartsWith("421 ", StringComparison.Ordinal))} told 421, {unexpected.Count} other; afterwards: '{after}'";
        var held = unexpected.Count == 0 && after?.StartsWith("230 ", StringComparison.Ordinal) == true && !server.Process.HasExited;
        ReliabilityReport.Row("database restart (login echo, PostgreSQL)", "pg_ctl restart -m immediate twice during back-to-back logins", measured, held);

        Assert.True(unexpected.Count == 0, measured + "\n" + string.Join("\n", unexpected.Distinct()));
        Assert.StartsWith("230 ", after, StringComparison.Ordinal);
        Assert.False(server.Process.HasExited, server.Process.Describe());
    }
}
