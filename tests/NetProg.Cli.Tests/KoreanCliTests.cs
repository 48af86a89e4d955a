namespace NetProg.Cli.Tests;

/// <summary>
/// netprog's help pages and command-line errors under <c>--lang ko</c>: Korean throughout, the same pointers as in English.
/// Apart from the other tests: choosing a language sets the process's default UI culture (UiLanguage.Apply), which the
/// English tests running beside them would read.
/// </summary>
[Collection(UiLanguageCollection.Name)]
public sealed class KoreanCliTests : IDisposable
{
    [Theory]
    [MemberData(nameof(HelpPageTests.CommandPaths), MemberType = typeof(HelpPageTests))]
    public async Task Should_have_no_English_heading_or_built_in_text_in_Korean_help(string path)
    {
        var (exit, console) = await Cli.RunAsync(["--lang", "ko", .. HelpPageTests.Words(path), "--help"]);

        Assert.Equal(0, exit);
        var text = console.OutWriter.Text;
        Assert.Contains("사용법:", text);
        Assert.Contains("옵션:", text);
        Assert.Contains("예:", text);
        var notes = text.Split('\n').Where(l => l.StartsWith("  # ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(notes);
        Assert.All(notes, n => Assert.Matches(@"[\uAC00-\uD7A3]", n));
        Assert.Contains("이 도움말을 보여 줍니다", text);
        string[] english = ["Description:", "Usage:", "Options:", "Commands:", "Arguments:", "Examples:", "[default:", "Show help", "Show version", "(REQUIRED)", "[options]", "Print a TAB", "bash, zsh or pwsh"];
        Assert.DoesNotContain(english, e => text.Contains(e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_show_the_Korean_default_once_without_NET_spelling()
    {
        var (_, console) = await Cli.RunAsync("--lang", "ko", "time-server", "--help");

        var text = console.OutWriter.Text;
        Assert.Contains("기본값: 5m.", text);
        Assert.DoesNotContain("00:05:00", text);
        Assert.DoesNotContain("Ctime", text);
    }

    [Theory]
    [InlineData("'netprog time-server --port 30000'", "time-server", "30000")]
    [InlineData("'time-clinet'(time-client", "time-clinet")]
    [InlineData("'users lst'(users list", "users", "lst")]
    [InlineData("'netprog users add'에는 NAME", "users", "add")]
    [InlineData("'netprog forward'에는 --listen", "forward")]
    [InlineData("--port이(가) 2번", "time-server", "--port", "1", "--port", "2")]
    [InlineData("'netprog bench echo --help'", "bench", "echo", "127.0.0.1", "30001", "7")]
    [InlineData("'fish'", "completion", "fish")]
    public async Task Should_say_it_in_Korean_with_the_same_pointers(string expected, params string[] args)
    {
        var (exit, console) = await Cli.RunAsync(["--lang", "ko", .. args]);

        Assert.Equal(2, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains(expected, line);
        Assert.Contains("참고하세요", line);
        Assert.Matches(@"[\uAC00-\uD7A3]", line.Replace(expected, string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain("See '", line);
        UsageErrorTests.AssertNoParserWording(line);
    }

    [Fact]
    public async Task Should_say_what_a_forwarder_relays_and_for_whom_in_Korean()
    {
        await using var forward = await Cli.StartAsync(2, "--lang", "ko", "forward", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:9", "--both", "--quiet");

        var text = await forward.Console.OutWriter.WaitForAsync(t => t.Contains("허용하는 클라이언트", StringComparison.Ordinal), Cli.Timeout);

        Assert.Contains("포워딩(tcp와 udp). 허용하는 클라이언트: 모두", text);
        Assert.DoesNotContain("everyone", text);
        Assert.DoesNotContain("tcp and udp", text);
    }

    [Theory]
    [InlineData("파일이 없습니다: /tmp/netprog-no-such-file.pcap", "capture", "--read", "/tmp/netprog-no-such-file.pcap")]
    [InlineData("파일이 없습니다: /tmp/netprog-no-such-cert.pem", "echo-server", "--port", "0", "--login", "--tls", "--tls-cert", "/tmp/netprog-no-such-cert.pem")]
    public async Task Should_say_in_Korean_why_a_file_cannot_be_used(string expected, params string[] args)
    {
        var (exit, console) = await Cli.RunAsync(["--lang", "ko", .. args]);

        Assert.NotEqual(0, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Could not find", line);
    }

    [Fact]
    public async Task Should_say_in_Korean_that_a_file_is_not_a_capture()
    {
        // Given a file that is not a pcap (a text file), when capture --read is run in Korean
        var path = Path.Combine(Path.GetTempPath(), $"netprog-not-a-capture-{Environment.ProcessId}.pcap");
        await File.WriteAllTextAsync(path, "Tue Nov 24 19:52:49 2026\n and more text than a pcap header\n");
        try
        {
            var (exit, console) = await Cli.RunAsync(["--lang", "ko", "capture", "--read", path]);

            // Then the one line says so, and why, in Korean: the reader's reasons are resources too
            Assert.Equal(1, exit);
            var line = Assert.Single(console.ErrorWriter.Lines);
            Assert.Contains("읽을 수 있는 캡처 파일이 아닙니다", line);
            Assert.Contains("매직 넘버", line);
            Assert.DoesNotContain("magic number", line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Should_say_the_check_s_verdicts_in_Korean_When_check_runs_with_lang_ko()
    {
        // Given a port nothing listens on
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        // When its echo server is checked in Korean
        var (exit, console) = await Cli.RunAsync("--lang", "ko", "check", "echo-server", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--only", "reachable", "--timeout", "2s");

        // Then the verdict word and id stay as they are, the cause, fix and summary are Korean
        Assert.Equal(1, exit);
        var text = console.OutWriter.Text;
        Assert.Contains("  FAIL reachable ", text);
        Assert.Contains("원인: ", text);
        Assert.Contains("고칠 점: ", text);
        Assert.Contains("통과 0, 경고 0, 실패 1, 건너뜀 0", text);
    }

    [Theory]
    [InlineData("a", "비밀번호가 1자입니다")]
    [InlineData("xfrank-frankx", "사용자 이름 'frank'")]
    [InlineData("qwerty123", "가장 흔한 비밀번호")]
    public async Task Should_refuse_a_weak_password_in_Korean(string password, string expected)
    {
        // Given a store folder, when users add is given a weak password in Korean
        var folder = Directory.CreateTempSubdirectory("netprog-ko-users-").FullName;
        try
        {
            var console = new TestConsole(password + "\n");
            var exit = await CliApp.RunAsync(["--lang", "ko", "users", "add", "frank", "--password-stdin", "--db", Path.Combine(folder, "accounts.db")], console, CancellationToken.None).WaitAsync(Cli.Timeout);

            // Then one Korean line says why, exit 1
            Assert.Equal(1, exit);
            var line = Assert.Single(console.ErrorWriter.Lines);
            Assert.Contains(expected, line);
            Assert.DoesNotContain("choose", line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Should_warn_in_Korean_about_a_store_others_can_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Given a store of mode 0644
        var folder = Directory.CreateTempSubdirectory("netprog-ko-store-").FullName;
        try
        {
            var db = Path.Combine(folder, "accounts.db");
            await CliApp.RunAsync(["users", "add", "gina", "--password-stdin", "--db", db], new TestConsole("correct-horse-7\n"), CancellationToken.None).WaitAsync(Cli.Timeout);
            File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            // When it is listed in Korean
            var (exit, console) = await Cli.RunAsync("--lang", "ko", "users", "list", "--db", db);

            // Then one Korean warning line
            Assert.Equal(0, exit);
            var line = Assert.Single(console.ErrorWriter.Lines);
            Assert.Contains("다른 사용자도 읽을 수 있는데(모드 0644)", line);
            Assert.Contains($"'chmod 600 {db}'", line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose() => NetProg.Tests.Shared.EnglishMessages.Force();
}
