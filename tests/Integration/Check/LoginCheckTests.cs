using NetProg.Services.Check;
using NetProg.Services.Check.Login;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The login checks against the course-style login servers of check-c/ (a correct one and one per bug), each started by
/// the checker with the transcript check-c/login_ok.script and the account alice / secret.
/// </summary>
public sealed class LoginCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    /// <summary>reachable and the login checks, in their order.</summary>
    internal static readonly string[] Ids =
    [
        CheckIds.Reachable, CheckIds.Login, CheckIds.WrongPassword, CheckIds.Enumeration, CheckIds.FragmentedLogin,
        CheckIds.LongLine, CheckIds.ResetMidLogin, CheckIds.ConcurrentSessions,
    ];

    public static string Script => Path.Combine(AppContext.BaseDirectory, "check-c", "login_ok.script");

    [Theory]
    [InlineData("login_server_ok", "pass pass pass pass pass pass pass pass")]
    [InlineData("login_server_enum", "pass pass pass fail pass pass pass pass")]
    [InlineData("login_server_onerecv", "pass pass pass pass fail pass pass pass")]
    [InlineData("login_server_overflow", "pass pass pass pass pass fail skip skip")]
    [InlineData("login_server_iterative", "pass pass pass pass pass pass pass fail")]
    [InlineData("login_server_sigpipe", "pass pass pass pass pass pass fail skip")]
    [InlineData("login_server_anypass", "pass pass fail skip pass pass pass pass")]
    public async Task Should_give_each_login_check_its_verdict_When_a_course_style_login_server_is_checked(string program, string verdicts)
    {
        // Given a login server of check-c/, started by the checker, with the transcript and its fixed account
        // When the login checks run
        CheckReport report = await CheckAsync(program);

        // Then each check has the verdict its bug calls for, and every FAIL says the cause and the fix
        Assert.True(Verdicts(report) == verdicts, Describe(report));
        Assert.All(report.Checks.Where(c => c.Verdict == CheckVerdict.Fail), c => Assert.False(string.IsNullOrEmpty(c.Cause) || string.IsNullOrEmpty(c.Fix), c.Id));
    }

    [Fact]
    public async Task Should_quote_the_codes_of_both_refusals_When_a_server_tells_unknown_users_from_wrong_passwords()
    {
        // Given the server that answers 402 to a wrong password and 401 to an unknown user
        // When enumeration runs
        CheckResult enumeration = (await CheckAsync(programs, "login_server_enum", [CheckIds.Reachable, CheckIds.Enumeration])).Checks[1];

        // Then the line quotes both replies, with the names it tried
        Assert.Equal(CheckVerdict.Fail, enumeration.Verdict);
        Assert.Equal("a wrong password for alice got 'PW: 402 Invalid Password\\n'; the unknown user nosuchuser got 'PW: 401 Invalid ID\\n'", enumeration.Observed);
        Assert.Contains("user enumeration", enumeration.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_say_how_the_server_ended_When_a_long_user_name_or_a_reset_kills_it()
    {
        // Given the server that aborts on a long line, and the one that dies of SIGPIPE after a reset
        // When long-line and reset-mid-login run on them
        CheckResult longLine = (await CheckAsync(programs, "login_server_overflow", [CheckIds.Reachable, CheckIds.LongLine])).Checks[1];
        CheckResult reset = (await CheckAsync(programs, "login_server_sigpipe", [CheckIds.Reachable, CheckIds.ResetMidLogin])).Checks[1];

        // Then each names the signal that ended the server
        Assert.Equal(CheckVerdict.Fail, longLine.Verdict);
        Assert.EndsWith("the server was killed by signal 6 (SIGABRT)", longLine.Observed, StringComparison.Ordinal);
        Assert.Equal(CheckVerdict.Fail, reset.Verdict);
        Assert.EndsWith("the server was killed by signal 13 (SIGPIPE)", reset.Observed, StringComparison.Ordinal);
        Assert.Contains("SIG_IGN", reset.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_what_the_server_answered_to_the_pieces_When_it_takes_one_recv_as_a_line()
    {
        // Given the server that reads one recv() as one line
        // When fragmented-login runs
        CheckResult fragmented = (await CheckAsync(programs, "login_server_onerecv", [CheckIds.Reachable, CheckIds.FragmentedLogin])).Checks[1];

        // Then it failed, and the line shows the refusal that the first piece of the name got
        Assert.Equal(CheckVerdict.Fail, fragmented.Verdict);
        Assert.True(fragmented.Observed.Contains("401 Login incorrect\\n'", StringComparison.Ordinal), fragmented.Observed);
        Assert.Contains("recv()", fragmented.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_skip_every_login_check_with_the_format_hint_When_no_script_is_given_for_a_server_that_is_not_netprog()
    {
        // Given the correct course-style server, checked without --script
        int port = FreePort.Tcp();
        var request = new ServerCheckRequest(CheckKind.LoginServer, "127.0.0.1", port)
        {
            Program = new ProgramCommand(programs.PathOf("login_server_ok"), [port.ToString(CultureInfo.InvariantCulture)]),
            Options = new CheckOptions { Only = Ids.ToHashSet() },
            Login = new LoginCheckSettings { User = "alice", Password = "secret" },
        };

        // When the login checks run
        CheckReport report = await ServerChecker.RunAsync(request, CancellationToken.None);

        // Then each is skipped, not failed, quoting the greeting and saying how a script is written
        Assert.True(Verdicts(report) == "pass skip skip skip skip skip skip skip", Describe(report));
        Assert.All(report.Checks.Skip(1), c => Assert.StartsWith("needs --script FILE: the server greeted with 'Welcome to the login server\\n', not netprog's 220", c.Observed, StringComparison.Ordinal));
        Assert.Contains("'< regex' waits for a reply, '> text' sends a line", report.Checks[1].Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_skip_with_the_file_line_and_directive_When_the_script_is_wrong()
    {
        // Given a script with a typo on its third line
        using var folder = new TempFolder();
        string script = folder.WriteText("typo.script", "< ^Welcome\n< ^ID:\nsend ${user}\n");

        // When its settings are read and the checks run with it
        LoginCheckSettings settings = LoginCheckSettings.FromFile(script, "alice", "secret");
        CheckReport report = await CheckAsync(programs, "login_server_ok", [CheckIds.Reachable, CheckIds.Login], script);

        // Then the CLI can refuse it in one line, and the check is skipped with that line
        Assert.Equal($"{script}, line 3: unknown directive 'send'; a line is '< regex' (expect), '> text' (send), 'echo text', 'eol lf|crlf' or '# comment'", settings.Problem());
        Assert.Equal((CheckVerdict.Skip, settings.Problem()), (report.Checks[1].Verdict, report.Checks[1].Observed));
        Assert.DoesNotContain("secret", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_explain_user_enumeration_in_korean_When_the_ui_language_is_korean()
    {
        // Given the Korean UI language
        CultureInfo before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("ko-KR");
        try
        {
            // When enumeration runs on the server that answers 401 and 402
            CheckResult enumeration = (await CheckAsync(programs, "login_server_enum", [CheckIds.Reachable, CheckIds.Enumeration])).Checks[1];

            // Then the finding, its cause and its fix are in Korean, with the server's replies quoted as they came
            Assert.Equal(CheckVerdict.Fail, enumeration.Verdict);
            Assert.Equal("alice의 틀린 비밀번호에 'PW: 402 Invalid Password\\n'; 없는 사용자 nosuchuser에 'PW: 401 Invalid ID\\n'", enumeration.Observed);
            Assert.Contains("사용자 열거", enumeration.Cause, StringComparison.Ordinal);
            Assert.Contains("같은 메시지 하나를 보내세요", enumeration.Fix, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    internal static async Task<CheckReport> CheckAsync(CheckC programs, string program, IReadOnlyList<string> ids, string? script = null)
    {
        int port = FreePort.Tcp();
        var request = new ServerCheckRequest(CheckKind.LoginServer, "127.0.0.1", port)
        {
            Program = new ProgramCommand(programs.PathOf(program), [port.ToString(CultureInfo.InvariantCulture)]),
            Options = new CheckOptions { Only = ids.ToHashSet() },
            Login = LoginCheckSettings.FromFile(script ?? Script, "alice", "secret"),
        };
        return await ServerChecker.RunAsync(request, CancellationToken.None);
    }

    internal static string Verdicts(CheckReport report) => string.Join(' ', report.Checks.Select(c => c.Verdict.ToString().ToLowerInvariant()));

    internal static string Describe(CheckReport report) =>
        string.Join('\n', report.Checks.Select(c => $"{c.Verdict} {c.Id}: {c.Observed} | {c.Cause} | {c.Fix}"));

    private Task<CheckReport> CheckAsync(string program) => CheckAsync(programs, program, Ids);
}
