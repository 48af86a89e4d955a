namespace NetProg.Integration.Tests.Login;

/// <summary>
/// <c>netprog users add</c> and <c>netprog echo-server --login</c> as a user runs them, with <c>--db</c> always explicit and
/// HOME / XDG_DATA_HOME pointing into the test's temp folder, so that nothing reads or writes the real user's data folder
/// (default account database, self-signed certificate) and NETPROG_DB from the test's environment cannot leak in.
/// </summary>
internal static partial class LoginCli
{
    public static IReadOnlyDictionary<string, string> Environment(TempFolder folder)
    {
        var home = Path.Combine(folder.Path, "home");
        Directory.CreateDirectory(home);
        return new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
            ["NETPROG_DB"] = string.Empty,
        };
    }

    /// <summary><c>netprog users add NAME --password-stdin --db DB &lt; file</c>; asserts success.</summary>
    public static async Task AddUserAsync(TempFolder folder, string db, string name, string password)
    {
        var input = folder.WriteText($"password-{name}-{Guid.NewGuid():N}.txt", password + "\n");
        using var add = NetProgApp.Start(["users", "add", name, "--password-stdin", "--db", db], input, Environment(folder));
        await OutputAssert.ExitsWithAsync(add, 0);
        Assert.Contains($"added {name}", add.StdoutText, StringComparison.Ordinal);
    }

    /// <summary>Starts <c>netprog echo-server --login --db DB --port 0 --bind 127.0.0.1 ...</c> and waits for its listening line.</summary>
    public static Task<NetProgServer> StartServerAsync(TempFolder folder, string db, params string[] extra)
    {
        var process = NetProgApp.Start(
            ["echo-server", "--login", "--db", db, "--port", "0", "--bind", "127.0.0.1", .. extra], null, Environment(folder));
        return NetProgApp.WaitForListeningAsync(process, 1);
    }

    /// <summary><see cref="AddUserAsync"/> for <paramref name="user"/>, then <see cref="StartServerAsync"/> on the same database.</summary>
    public static async Task<NetProgServer> StartServerWithUserAsync(TempFolder folder, string db, (string Name, string Password) user, params string[] extra)
    {
        await AddUserAsync(folder, db, user.Name, user.Password);
        return await StartServerAsync(folder, db, extra);
    }

    /// <summary><c>netprog echo-client 127.0.0.1 PORT --user NAME --password-stdin ... &lt; file</c>, run to its end.</summary>
    public static async Task<ChildProcess> RunEchoClientAsync(TempFolder folder, int port, string name, string stdin, params string[] extra)
    {
        var input = folder.WriteText($"client-{Guid.NewGuid():N}.txt", stdin);
        var client = NetProgApp.Start(
            ["echo-client", "127.0.0.1", Text(port), "--user", name, "--password-stdin", .. extra], input, Environment(folder));
        await client.WaitForExitAsync(Waits.Exit);
        return client;
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>tls certificate sha256 fingerprint: AB:CD:...</c>, optionally followed by where it came from.</summary>
    [GeneratedRegex(@"^tls certificate sha256 fingerprint: (?<fingerprint>[0-9A-F]{2}(:[0-9A-F]{2}){31})")]
    public static partial Regex FingerprintLine();
}
