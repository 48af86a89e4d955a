namespace NetProg.Integration.Tests;

/// <summary>
/// The real netprog under a Korean locale (README.md, "Language"): what a person reads is Korean, what a script reads —
/// the <c>listening on</c> lines, --json — is the same as in English; <c>--lang en</c> brings English back.
/// </summary>
public sealed partial class KoreanOutputTests
{
    /// <summary>A Korean Linux desktop: LANG only, and the test process's NETPROG_LANG=en taken away.</summary>
    private static readonly Dictionary<string, string> KoreanLocale = new()
    {
        ["LANG"] = "ko_KR.UTF-8",
        ["LC_ALL"] = string.Empty,
        ["LC_MESSAGES"] = string.Empty,
        ["NETPROG_LANG"] = string.Empty,
    };

    [Fact]
    public async Task Should_print_help_in_Korean_When_LANG_is_Korean()
    {
        using ChildProcess process = NetProgApp.Start(["--help"], environment: KoreanLocale);

        await OutputAssert.ExitsWithAsync(process, 0);
        Assert.Matches(Hangul(), process.StdoutText);
        Assert.Contains("time-client", process.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_print_a_help_page_with_no_English_heading_When_LANG_is_Korean()
    {
        using ChildProcess process = NetProgApp.Start(["time-server", "--help"], environment: KoreanLocale);

        await OutputAssert.ExitsWithAsync(process, 0);
        Assert.Contains("사용법:", process.StdoutText, StringComparison.Ordinal);
        Assert.Contains("예:", process.StdoutText, StringComparison.Ordinal);
        string[] english = ["Description:", "Usage:", "Options:", "[default:", "Show help", "00:05:00", "Ctime"];
        Assert.DoesNotContain(english, e => process.StdoutText.Contains(e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_suggest_the_command_in_Korean_When_it_is_mistyped()
    {
        using ChildProcess process = NetProgApp.Start(["time-clinet"], environment: KoreanLocale);

        await OutputAssert.ExitsWithAsync(process, 2);
        string error = OutputAssert.SingleErrorLine(process);
        Assert.Equal("netprog: 알 수 없는 명령 'time-clinet'(time-client을(를) 쓰려던 건가요?). 'netprog --help'을(를) 참고하세요.", error);
    }

    [Fact]
    public async Task Should_explain_a_refused_connection_in_one_Korean_line_When_LANG_is_Korean()
    {
        int closedPort = FreePort.Tcp();

        using ChildProcess client = NetProgApp.Start(["time-client", "127.0.0.1", Text(closedPort)], environment: KoreanLocale);

        await OutputAssert.ExitsWithAsync(client, 1);
        string error = OutputAssert.SingleErrorLine(client);
        Assert.StartsWith("netprog: ", error, StringComparison.Ordinal);
        Assert.Matches(Hangul(), error);
        // Technical tokens stay as they are: the address, the port, the command to run.
        Assert.Contains($"127.0.0.1:{closedPort}/tcp", error, StringComparison.Ordinal);
        Assert.Contains($"netstat -na | grep {closedPort}", error, StringComparison.Ordinal);
        OutputAssert.NoStackTrace(client);
    }

    [Fact]
    public async Task Should_print_English_When_lang_en_is_given_under_a_Korean_LANG()
    {
        int closedPort = FreePort.Tcp();

        using ChildProcess client = NetProgApp.Start(["time-client", "127.0.0.1", Text(closedPort), "--lang", "en"], environment: KoreanLocale);

        await OutputAssert.ExitsWithAsync(client, 1);
        string error = OutputAssert.SingleErrorLine(client);
        Assert.Contains("connection refused", error, StringComparison.Ordinal);
        Assert.DoesNotMatch(Hangul(), error);
    }

    [Fact]
    public async Task Should_print_Korean_When_NETPROG_LANG_is_ko_under_the_C_locale()
    {
        using ChildProcess process = NetProgApp.Start(["time-client", "999.1.1.1"], environment: new Dictionary<string, string>
        {
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = string.Empty,
            ["NETPROG_LANG"] = "ko",
        });

        await OutputAssert.ExitsWithAsync(process, 2);
        string error = OutputAssert.SingleErrorLine(process);
        Assert.Matches(Hangul(), error);
        Assert.Contains("'999.1.1.1'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_exit_2_with_one_line_When_lang_names_an_unknown_language()
    {
        using ChildProcess process = NetProgApp.Start(["ip", "--lang", "fr"], environment: KoreanLocale);

        await OutputAssert.ExitsWithAsync(process, 2);
        Assert.Contains("--lang 'fr'", OutputAssert.SingleErrorLine(process), StringComparison.Ordinal);
        OutputAssert.NoStackTrace(process);
    }

    [Fact]
    public async Task Should_explain_in_Korean_but_keep_the_doctor_s_JSON_English_When_LANG_is_Korean()
    {
        int closedPort = FreePort.Tcp();

        using ChildProcess text = NetProgApp.Start(["doctor", "127.0.0.1", Text(closedPort), "--timeout", "2s"], environment: KoreanLocale);
        using ChildProcess korean = NetProgApp.Start(["doctor", "127.0.0.1", Text(closedPort), "--timeout", "2s", "--json"], environment: KoreanLocale);
        using ChildProcess english = NetProgApp.Start(["doctor", "127.0.0.1", Text(closedPort), "--timeout", "2s", "--json", "--lang", "en"], environment: KoreanLocale);

        await OutputAssert.ExitsWithAsync(text, 1);
        await OutputAssert.ExitsWithAsync(korean, 1);
        await OutputAssert.ExitsWithAsync(english, 1);
        Assert.Matches(Hangul(), text.StdoutText);
        Assert.Contains($"127.0.0.1:{closedPort}/tcp", text.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotMatch(Hangul(), korean.StdoutText);
        // The same document, once the measured times (which differ between two runs) are taken out: it holds no sentence.
        Assert.Equal(WithoutTimes(english.StdoutText), WithoutTimes(korean.StdoutText));
    }

    [Fact]
    public async Task Should_say_in_Korean_that_a_user_does_not_exist_When_LANG_is_Korean()
    {
        using var folder = new TempFolder();
        string db = Path.Combine(folder.Path, "accounts.db");
        using (ChildProcess add = NetProgApp.Start(["users", "add", "somebody", "--db", db, "--password-stdin"], folder.WriteText("pw.txt", "correct-horse-7\n"), KoreanLocale))
        {
            await OutputAssert.ExitsWithAsync(add, 0);
        }

        using ChildProcess process = NetProgApp.Start(["users", "passwd", "nobody", "--db", db, "--password-stdin"], environment: KoreanLocale);
        process.CloseStdin();

        await OutputAssert.ExitsWithAsync(process, 1);
        string error = OutputAssert.SingleErrorLine(process);
        Assert.Matches(Hangul(), error);
        Assert.Contains("'nobody'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_keep_the_listening_lines_unchanged_and_guide_in_Korean_When_the_lab_runs_under_a_Korean_LANG()
    {
        using var folder = new TempFolder();

        using ChildProcess lab = NetProgApp.Start(
            ["lab", "--port", "0", "--bind", "127.0.0.1", "--db", Path.Combine(folder.Path, "lab.db")], environment: KoreanLocale);

        // time and echo on TCP and UDP, the login echo on TCP: five sockets, each announced exactly as in English.
        IReadOnlyList<Match> listening = await lab.WaitForStdoutLinesAsync(NetProgApp.ListeningLine(), 5, NetProgApp.StartTimeout);
        Assert.All(listening, m => Assert.Equal("127.0.0.1", m.Groups["address"].Value));
        await lab.WaitForStdoutLineAsync(Hangul(), Waits.Line);

        await lab.SendSignalAsync(UnixSignal.Term);
        await OutputAssert.ExitsWithAsync(lab, 0, TimeSpan.FromSeconds(10));
        OutputAssert.NoStackTrace(lab);
    }

    private static string WithoutTimes(string text) => MeasuredTime().Replace(text, "T");

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[\uAC00-\uD7A3]")]
    private static partial Regex Hangul();

    // A time as the text says it ("15.3 ms", "2.1 s"), or as the doctor's JSON holds it ("elapsedMilliseconds": 15.3).
    [GeneratedRegex(@"\d+(\.\d+)? (ms|s)\b|(?<=""elapsedMilliseconds"": )\d+(\.\d+)?")]
    private static partial Regex MeasuredTime();
}
