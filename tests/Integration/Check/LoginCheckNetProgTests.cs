using NetProg.Integration.Tests.Login;
using NetProg.Services.Check;
using NetProg.Services.Check.Login;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The login checks against netprog's own <c>echo-server --login</c> (USER/PASS, no script needed): it must pass them
/// all. Each test starts its own server on a fresh database, so the failed logins of one never trip the throttle of another.
/// </summary>
public sealed class LoginCheckNetProgTests
{
    private const string Password = "s3cret pass";

    [Fact]
    public async Task Should_pass_every_login_check_without_a_script_When_netprog_s_own_login_server_is_checked()
    {
        // Given netprog's echo server with login, alice on its database
        using var folder = new TempFolder();
        using var server = await StartAsync(folder);

        // When the login checks run with her account and no --script
        CheckReport report = await CheckAsync(server, new LoginCheckSettings { User = "alice", Password = Password });

        // Then its 220 greeting chose the USER/PASS transcript, and every check passed, enumeration included
        Assert.True(LoginCheckTests.Verdicts(report) == "pass pass pass pass pass pass pass pass", LoginCheckTests.Describe(report));
        Assert.Contains("netprog's USER/PASS transcript", report.Checks[1].Observed, StringComparison.Ordinal);
        Assert.Contains("'230 welcome alice\\r\\n'", report.Checks[1].Observed, StringComparison.Ordinal);
        Assert.Contains("'530 login incorrect\\r\\n'", report.Checks[3].Observed, StringComparison.Ordinal);
        Assert.Contains("'500 line too long\\r\\n'", report.Checks[5].Observed, StringComparison.Ordinal);
        OutputAssert.NoStackTrace(server.Process);
    }

    [Fact]
    public async Task Should_skip_asking_for_the_account_When_netprog_s_server_is_checked_without_user()
    {
        // Given netprog's echo server with login
        using var folder = new TempFolder();
        using var server = await StartAsync(folder);

        // When the login checks run without --user and --password-stdin
        CheckReport report = await CheckAsync(server, null);

        // Then each is skipped, naming the greeting and the options that are missing
        Assert.True(LoginCheckTests.Verdicts(report) == "pass skip skip skip skip skip skip skip", LoginCheckTests.Describe(report));
        Assert.All(report.Checks.Skip(1), c => Assert.Contains("--user NAME --password-stdin", c.Observed, StringComparison.Ordinal));
        Assert.Contains("'220 netprog echo with login ready\\r\\n'", report.Checks[1].Observed, StringComparison.Ordinal);
    }

    private static async Task<NetProgServer> StartAsync(TempFolder folder)
    {
        var db = folder.File("a.db");
        return await LoginCli.StartServerWithUserAsync(folder, db, ("alice", Password));
    }

    private static Task<CheckReport> CheckAsync(NetProgServer server, LoginCheckSettings? login) =>
        ServerChecker.RunAsync(
            new ServerCheckRequest(CheckKind.LoginServer, "127.0.0.1", server.Port) { Options = new CheckOptions { Only = LoginCheckTests.Ids.ToHashSet() }, Login = login },
            CancellationToken.None);
}
