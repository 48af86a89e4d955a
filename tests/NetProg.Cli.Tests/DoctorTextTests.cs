using System.Text.Json;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics.Doctor;
using NetProg.Transport;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Tests;

/// <summary>
/// The doctor's model said in words: the CLI's renderers make every English and Korean sentence from the findings, facts
/// and fix codes, quote untrusted text only through <see cref="PrintableText.Printable"/>, and write <c>--json</c> as the
/// model itself, the same in every language.
/// </summary>
[Collection(UiLanguageCollection.Name)]
public sealed class DoctorTextTests : IDisposable
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko");

    [Fact]
    public void Should_say_each_finding_and_its_fix_in_English_When_the_port_is_closed()
    {
        var lines = DoctorText.Lines(ClosedPort()).ToArray();

        Assert.Equal(
            [
                "netprog doctor: 127.0.0.1 port 30001/tcp",
                "  [ ok ] name      127.0.0.1 is an address; nothing to resolve.",
                "  [ ok ] path      127.0.0.1 is this machine (loopback).",
                "  [FAIL] port      127.0.0.1:30001/tcp is closed: the host answered in 15.3 ms that nothing listens on port 30001.",
                "                -> Start the server, or check its port; a server bound to 127.0.0.1 only cannot be reached from another machine.",
                "  [FAIL] listener  nothing on this machine listens on port 30001/tcp.",
                $"                -> Start the server (e.g. netprog echo-server --port 30001), and check it with '{Netstat(30001)}'.",
                "  [FAIL] firewall  an nftables rule drops tcp port 30001: 'tcp dport 30001 drop'.",
                "                -> Remove that rule, or add an accept rule before it (nft insert rule ... tcp dport 30001 accept).",
                "verdict: the service did not answer.",
            ],
            lines);
    }

    [Fact]
    public void Should_say_each_finding_and_its_fix_in_Korean_When_the_UI_language_is_Korean()
    {
        var lines = InKorean(() => DoctorText.Lines(ClosedPort()).ToArray());

        Assert.Equal(
            [
                "netprog doctor: 127.0.0.1 포트 30001/tcp",
                "  [ ok ] 이름      127.0.0.1은(는) 주소라서 이름 변환이 필요 없습니다.",
                "  [ ok ] 경로      127.0.0.1은(는) 이 컴퓨터입니다(루프백).",
                "  [FAIL] 포트      127.0.0.1:30001/tcp 닫힘(closed): 호스트가 15.3 ms 만에 포트 30001에서 대기 중인 서버가 없다고 응답했습니다.",
                "                -> 서버를 실행하거나 포트를 확인하세요. 127.0.0.1에만 바인드한 서버는 다른 컴퓨터에서 접속할 수 없습니다.",
                "  [FAIL] 대기 소켓 이 컴퓨터에서 포트 30001/tcp에 대기 중인 것이 없습니다.",
                $"                -> 서버를 실행하고(예: netprog echo-server --port 30001) '{Netstat(30001)}'로 확인하세요.",
                "  [FAIL] 방화벽    nftables 규칙이 tcp 포트 30001을(를) 버립니다(drop): 'tcp dport 30001 drop'.",
                "                -> 그 규칙을 지우거나 그 앞에 accept 규칙을 넣으세요(nft insert rule ... tcp dport 30001 accept).",
                "판정: 서비스가 응답하지 않았습니다.",
            ],
            lines);
    }

    [Fact]
    public void Should_say_what_answered_and_the_verdict_When_an_echo_server_answered()
    {
        var report = new DoctorReport("localhost", 7, false,
        [
            new(DoctorCheckId.Name, CheckStatus.Passed, DoctorFinding.NameResolves, new DoctorFacts { Host = "localhost", Addresses = [IPAddress.Loopback, IPAddress.IPv6Loopback] }),
            new(DoctorCheckId.Port, CheckStatus.Passed, DoctorFinding.TcpOpen, Where(7, elapsed: 1234.5)),
            new(DoctorCheckId.Service, CheckStatus.Passed, DoctorFinding.ServiceEcho, DoctorFacts.None),
            new(DoctorCheckId.Listener, CheckStatus.Info, DoctorFinding.ListenerHeldBy, new DoctorFacts { Port = 7, Protocol = TransportProtocol.Tcp, Owners = [new(31652, "netprog"), new(4, null)] }),
        ], PortState.Open, true);

        var english = DoctorText.Lines(report).ToArray();
        var korean = InKorean(() => DoctorText.Lines(report).ToArray());

        Assert.Equal("  [ ok ] name      localhost resolves to 127.0.0.1, [::1].", english[1]);
        Assert.Equal("  [ ok ] port      127.0.0.1:7/tcp is open: a server accepted the connection in 1.23 s.", english[2]);
        Assert.Equal("  [ ok ] service   it sent back the probe line unchanged: an echo server.", english[3]);
        Assert.Equal("  [info] listener  on this machine, port 7/tcp is held by netprog (pid 31652), pid 4.", english[4]);
        Assert.Equal("verdict: the service answered.", english[^1]);
        Assert.Equal("  [ ok ] 서비스    검사용 줄을 그대로 돌려보냈습니다: echo 서버입니다.", korean[3]);
        Assert.Equal("판정: 서비스가 응답했습니다.", korean[^1]);
    }

    [Fact]
    public void Should_make_a_reply_from_the_network_printable_only_when_it_is_shown()
    {
        // Given a server that answered the probe with a terminal escape (retitle the window) and a bell
        var report = new DoctorReport("127.0.0.1", 9, false,
            [new(DoctorCheckId.Service, CheckStatus.Info, DoctorFinding.ServiceOther, new DoctorFacts { Reply = "hi\u001b]0;pwned\u0007", ReplyLength = 13 })],
            PortState.Open, true);

        var line = DoctorText.Lines(report).ToArray()[1];
        var json = DoctorJson.Serialize(report);

        // Then the text shows the escape as characters, and the JSON keeps the bytes as they came (JSON escapes them itself)
        Assert.Equal(@"  [info] service   it answered the probe line with 'hi\x1B]0;pwned\x07': some other server.", line);
        Assert.Contains(@"""reply"": ""hi\u001B]0;pwned\u0007""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_say_what_windows_firewall_does_to_the_port_on_each_network()
    {
        DoctorFacts publicWifi = new() { Port = 30000, Protocol = TransportProtocol.Tcp, Profile = "Public", Interfaces = ["Wi-Fi"] };
        var block = new DoctorCheck(
            DoctorCheckId.Firewall, CheckStatus.Failed, DoctorFinding.WindowsFirewallBlocks,
            publicWifi with { RuleName = "time_server.exe", Program = @"C:\Users\학생\course\time_server.exe" },
            new DoctorFix(FixCode.DisableWindowsRule) { Rule = "time_server.exe" });
        var off = new DoctorCheck(DoctorCheckId.Firewall, CheckStatus.Passed, DoctorFinding.WindowsFirewallOff, new DoctorFacts { Profile = "Domain", Interfaces = ["Ethernet"] });
        var none = new DoctorCheck(DoctorCheckId.Firewall, CheckStatus.Passed, DoctorFinding.WindowsFirewallDefaultAllow, new DoctorFacts { Profile = "Private", Interfaces = [] });
        DoctorFix onPublic = new(FixCode.NewWindowsRuleOnPublicNetwork) { Port = 30000, Protocol = TransportProtocol.Tcp };

        Assert.Equal(
            @"a Windows Firewall rule blocks TCP port 30000 on the Public network (Wi-Fi): 'time_server.exe' (for C:\Users\학생\course\time_server.exe); block rules win over allow rules.",
            DoctorWords.Finding(block));
        Assert.Contains("Disable-NetFirewallRule -DisplayName 'time_server.exe'", DoctorWords.Advice(block.Fix), StringComparison.Ordinal);
        Assert.Equal("Windows Firewall is off for the Domain network (Ethernet).", DoctorWords.Finding(off));
        Assert.Equal("Windows Firewall allows incoming connections by default on the Private network (no network connected).", DoctorWords.Finding(none));
        Assert.Contains("New-NetFirewallRule -DisplayName 'netprog 30000' -Direction Inbound -Protocol TCP -LocalPort 30000 -Action Allow", DoctorWords.Advice(onPublic), StringComparison.Ordinal);
        Assert.Contains("make it Private", DoctorWords.Advice(onPublic), StringComparison.Ordinal);
        Assert.DoesNotContain("make it Private", DoctorWords.Advice(onPublic with { Code = FixCode.NewWindowsRule }), StringComparison.Ordinal);
        Assert.Equal(
            @"{2}에서 Windows 방화벽 규칙이 TCP 포트 30000을(를) 막습니다: 'time_server.exe' (C:\Users\학생\course\time_server.exe 전용). 차단 규칙이 허용 규칙보다 우선합니다.".Replace("{2}", "Public 네트워크(Wi-Fi)", StringComparison.Ordinal),
            InKorean(() => DoctorWords.Finding(block)));
    }

    [Theory]
    [InlineData(FirewallQueryFailure.Empty, null, null, "finished without writing anything (under Wine, powershell.exe is a stand-in that runs no cmdlets)")]
    [InlineData(FirewallQueryFailure.Failed, "Get-NetFirewallProfile : Access is denied.", 1, "exited with code 1 and said: Get-NetFirewallProfile : Access is denied.")]
    [InlineData(FirewallQueryFailure.FailedSilently, null, 1, "exited with code 1 without saying why")]
    [InlineData(FirewallQueryFailure.NotStarted, "The system cannot find the file specified.", null, "could not be started (The system cannot find the file specified.)")]
    [InlineData(FirewallQueryFailure.NotBase64, "Get-NetFirewallRule : \u001b[31mInvalid class", null, @"answered something other than the expected Base64 line: Get-NetFirewallRule : \x1B[31mInvalid class")]
    [InlineData(FirewallQueryFailure.NotJson, "no firewall profiles in the answer", null, "answered JSON that this version does not read (no firewall profiles in the answer)")]
    public void Should_say_what_came_back_When_the_windows_firewall_could_not_be_queried(FirewallQueryFailure failure, string? said, int? exitCode, string expected)
    {
        var check = NotQueried(new FirewallQueryProblem(failure, "powershell.exe ...", said, exitCode));

        var lines = DoctorText.Lines(new DoctorReport("127.0.0.1", 30000, false, [check], PortState.Open, true)).ToArray();

        Assert.Equal($"  [info] firewall  Windows Defender Firewall could not be queried: powershell.exe ... {expected}. Windows asks, the first time a program listens, whether to allow it, and a 'no' blocks other machines silently.", lines[1]);
        Assert.Equal("                -> Check Windows Security > Firewall > Allow an app, or: netsh advfirewall firewall add rule name=netprog dir=in action=allow protocol=TCP localport=30000", lines[2]);
    }

    [Fact]
    public void Should_say_a_timed_out_query_and_shorten_a_long_line_in_both_languages()
    {
        var timedOut = NotQueried(new FirewallQueryProblem(FirewallQueryFailure.TimedOut, "ps", TimeoutSeconds: 15));
        var longLine = NotQueried(new FirewallQueryProblem(FirewallQueryFailure.NotBase64, "ps", new string('x', 200)));

        Assert.Contains("ps did not finish within 15 s and was stopped.", DoctorWords.Finding(timedOut), StringComparison.Ordinal);
        Assert.Contains("결과: 15초 안에 끝나지 않아 중지함.", InKorean(() => DoctorWords.Finding(timedOut)), StringComparison.Ordinal);
        Assert.Contains(new string('x', 160) + "...", DoctorWords.Finding(longLine), StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 161), DoctorWords.Finding(longLine), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_write_the_model_as_JSON_with_stable_names_and_no_sentence_the_same_in_every_language()
    {
        var english = DoctorJson.Serialize(ClosedPort());
        var korean = InKorean(() => DoctorJson.Serialize(ClosedPort()));

        Assert.Equal(english, korean);
        using var json = JsonDocument.Parse(english);
        var root = json.RootElement;
        Assert.Equal(("127.0.0.1", 30001, "closed", "noAnswer", false, false), (
            root.GetProperty("host").GetString(), root.GetProperty("port").GetInt32(), root.GetProperty("state").GetString(),
            root.GetProperty("verdict").GetString(), root.GetProperty("succeeded").GetBoolean(), root.GetProperty("serviceAnswered").GetBoolean()));
        var checks = root.GetProperty("checks").EnumerateArray().ToArray();
        Assert.Equal(["name", "path", "port", "listener", "firewall"], checks.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["passed", "passed", "failed", "failed", "failed"], checks.Select(c => c.GetProperty("status").GetString()));
        Assert.Equal(["nameIsAddress", "pathLoopback", "tcpClosed", "listenerNothing", "nftDrops"], checks.Select(c => c.GetProperty("finding").GetString()));
        var port = checks[2];
        Assert.Equal(
            """{"address":"127.0.0.1","port":30001,"protocol":"tcp","elapsedMilliseconds":15.3}""",
            JsonSerializer.Serialize(port.GetProperty("facts")));
        Assert.Equal("""{"code":"startServerOrCheckPort"}""", JsonSerializer.Serialize(port.GetProperty("fix")));
        Assert.Equal(
            """{"code":"startServer","port":30001,"protocol":"tcp","program":"netprog"}""",
            JsonSerializer.Serialize(checks[3].GetProperty("fix")));
        Assert.False(checks[0].TryGetProperty("fix", out _));
        Assert.DoesNotContain("nothing listens", english, StringComparison.Ordinal);
    }

    public void Dispose() => NetProg.Tests.Shared.EnglishMessages.Force();

    private static DoctorReport ClosedPort() => new("127.0.0.1", 30001, false,
    [
        new(DoctorCheckId.Name, CheckStatus.Passed, DoctorFinding.NameIsAddress, new DoctorFacts { Host = "127.0.0.1" }),
        new(DoctorCheckId.Path, CheckStatus.Passed, DoctorFinding.PathLoopback, new DoctorFacts { Address = IPAddress.Loopback }),
        new(DoctorCheckId.Port, CheckStatus.Failed, DoctorFinding.TcpClosed, Where(30001, elapsed: 15.3), new DoctorFix(FixCode.StartServerOrCheckPort)),
        new(DoctorCheckId.Listener, CheckStatus.Failed, DoctorFinding.ListenerNothing, new DoctorFacts { Port = 30001, Protocol = TransportProtocol.Tcp },
            new DoctorFix(FixCode.StartServer) { Port = 30001, Protocol = TransportProtocol.Tcp, Program = "netprog" }),
        new(DoctorCheckId.Firewall, CheckStatus.Failed, DoctorFinding.NftDrops, new DoctorFacts { Port = 30001, Protocol = TransportProtocol.Tcp, Rule = "tcp dport 30001 drop" },
            new DoctorFix(FixCode.RemoveNftRule) { Port = 30001, Protocol = TransportProtocol.Tcp }),
    ], PortState.Closed, false);

    private static DoctorFacts Where(int port, double elapsed) =>
        new() { Address = IPAddress.Loopback, Port = port, Protocol = TransportProtocol.Tcp, ElapsedMilliseconds = elapsed };

    private static DoctorCheck NotQueried(FirewallQueryProblem problem) => new(
        DoctorCheckId.Firewall, CheckStatus.Info, DoctorFinding.WindowsFirewallNotQueried,
        new DoctorFacts { Port = 30000, Protocol = TransportProtocol.Tcp, Query = problem },
        new DoctorFix(FixCode.AllowInWindowsSecurity) { Port = 30000, Protocol = TransportProtocol.Tcp });

    private static string Netstat(int port) => OperatingSystem.IsWindows() ? $"netstat -na | find \"{port}\"" : $"netstat -na | grep {port}";

    private static T InKorean<T>(Func<T> render)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Korean;
        try
        {
            return render();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
