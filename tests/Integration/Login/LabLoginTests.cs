namespace NetProg.Integration.Tests.Login;

/// <summary>
/// A student's first minute with <c>netprog lab</c>: the user added as the tutorial's login chapter shows (<c>users add NAME</c>,
/// default store) logs in at the lab, and the lab's output is commands to paste, not store internals. HOME and XDG_DATA_HOME
/// point into the test's temp folder, so the default store is the test's own.
/// </summary>
public sealed partial class LabLoginTests
{
    [Fact]
    public async Task Should_log_in_at_the_lab_with_a_user_added_to_the_default_store_and_print_commands_as_netprog_was_started()
    {
        // Given a user added with the tutorial's command, without --db
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string>(LoginCli.Environment(folder)) { ["NETPROG_INVOKED_AS"] = "./netprog" };
        var password = folder.WriteText("password.txt", "correct horse\n");
        using (var add = NetProgApp.Start(["users", "add", "alice", "--password-stdin"], password, environment))
        {
            await OutputAssert.ExitsWithAsync(add, 0);
        }

        // When the lab starts (as the ./netprog launcher of a clone starts it) and alice logs in at its login echo
        using var lab = NetProgApp.Start(["lab", "--port", "0", "--bind", "127.0.0.1"], null, environment);
        var loginLine = await lab.WaitForStdoutLineAsync(LoginClientLine(), NetProgApp.StartTimeout);
        var loginPort = int.Parse(loginLine.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var client = await LoginCli.RunEchoClientAsync(folder, loginPort, "alice", "correct horse\nhello\n");

        // Then the login succeeds and the echo comes back
        Assert.True(client.StdoutLines.Contains("hello"), client.Describe());

        // And the lab said which store it uses (the default one) and how to add a user to it, with ./netprog, never a bare
        // netprog; and its first lines are not the store's schema migration
        await lab.SendSignalAsync(UnixSignal.Int);
        await lab.WaitForExitAsync(Waits.Exit);
        var store = Path.Combine(environment["XDG_DATA_HOME"], "netprog", "accounts.db");
        Assert.Contains(lab.StdoutLines, l => l.Contains($"accounts are in SQLite {store}", StringComparison.Ordinal));
        Assert.Contains("  ./netprog users add alice", lab.StdoutLines);
        Assert.Contains(lab.StdoutLines, l => l.StartsWith("  ./netprog time-client 127.0.0.1 ", StringComparison.Ordinal));
        Assert.DoesNotContain(lab.StdoutLines, l => l.StartsWith("  netprog ", StringComparison.Ordinal));
        Assert.DoesNotContain("schema migrated", lab.StdoutText + lab.StderrText, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(environment["XDG_DATA_HOME"], "netprog", "lab")), "the lab made a store of its own");
    }

    [GeneratedRegex(@"^  \S+ echo-client 127\.0\.0\.1 (?<port>\d+) --user alice$")]
    private static partial Regex LoginClientLine();
}
