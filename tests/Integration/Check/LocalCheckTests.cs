using NetProg.Services.Check;
using static NetProg.Integration.Tests.Check.LocalCheckRun;

namespace NetProg.Integration.Tests.Check;

/// <summary>The local checks find no false bug in correct servers, and check servers that are already running.</summary>
public sealed partial class LocalCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    [Theory]
    [InlineData("local_echo_ok", CheckKind.EchoServer)]
    [InlineData("echo_server", CheckKind.EchoServer)]
    [InlineData("time_server", CheckKind.TimeServer)]
    public async Task Should_pass_every_local_check_and_leave_no_process_When_a_correct_C_server_is_checked(string program, CheckKind kind)
    {
        // Given a correct server (the course's, or the fork server the bug programs start from)
        int port = FreePort();

        // When the checker starts it and runs reachable and every local check
        CheckReport report = await StartedAsync(kind, port, programs.PathOf(program), [Text(port)]);

        // Then every check passes, restart found it listening again, and neither it nor a child of it is left
        AssertVerdicts(report, PassExcept());
        Assert.Contains("again", Result(report, CheckIds.Restart).Observed, StringComparison.Ordinal);
        Assert.False(AnyRunning(programs.PathOf(program)));
    }

    [Fact]
    public async Task Should_pass_every_local_check_When_netprog_s_own_echo_server_is_started_as_the_program()
    {
        // Given netprog's echo server, started as a student's program would be (dotnet netprog.dll echo-server --port P)
        int port = FreePort();
        string dotnet = ExecutableSearch.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");

        // When it is checked, with room for .NET's start on a loaded machine (twice: restart starts it again)
        CheckReport report = await StartedAsync(CheckKind.EchoServer, port, dotnet, [NetProgApp.DllPath, "echo-server", "--port", Text(port)], TimeSpan.FromSeconds(15));

        // Then it passes every one, listening on both 0.0.0.0 and [::]
        AssertVerdicts(report, PassExcept());
        Assert.Contains("[::]", Result(report, CheckIds.ListenAddress).Observed, StringComparison.Ordinal);
        Assert.False(AnyRunning($"echo-server --port {Text(port)}"));
    }

    [Fact]
    public async Task Should_find_a_running_server_on_the_swapped_port_and_report_port_byte_order_right_after_reachable_When_it_forgot_htons()
    {
        // Given a server that forgot htons(), already running (the user gives HOST PORT, no --)
        int port = FreePort(swapped: true);
        using ChildProcess server = programs.Start("local_echo_nohtons", Text(port));
        await server.WaitForStdoutLineAsync(PortLine(), Waits.Line);

        // When it is checked on the port the user meant, with a network check selected too
        string[] ids = [.. Ids, CheckIds.ConcurrentClients];
        CheckReport report = await RunningAsync(CheckKind.EchoServer, port, ids);

        // Then reachable reached the swapped port, port-byte-order says why right after it, before the network checks,
        // the local checks pass on that process, and restart is skipped: netprog did not start it
        Assert.Equal([CheckIds.Reachable, CheckIds.PortByteOrder, CheckIds.ConcurrentClients], report.Checks.Take(3).Select(c => c.Id));
        Assert.Equal(CheckVerdict.Fail, Result(report, CheckIds.PortByteOrder).Verdict);
        AssertVerdicts(
            new CheckReport(report.Target, report.Kind, report.Checks.Where(c => c.Id != CheckIds.ConcurrentClients).OrderBy(c => Array.IndexOf(Ids, c.Id)).ToList()),
            PassExcept((CheckIds.PortByteOrder, CheckVerdict.Fail), (CheckIds.Restart, CheckVerdict.Skip)));
        Assert.Contains(Text(server.Id), Result(report, CheckIds.Crash).Observed, StringComparison.Ordinal);
        Assert.False(server.HasExited);
    }

    [Fact]
    public async Task Should_fail_crash_When_a_running_server_dies_during_the_checks()
    {
        // Given a running server that segfaults at its first line
        int port = FreePort();
        using ChildProcess server = programs.Start("local_echo_segv", Text(port));
        await server.WaitForStdoutLineAsync(PortLine(), Waits.Line);

        // When closes-socket sends it a line
        CheckReport report = await RunningAsync(CheckKind.EchoServer, port, [CheckIds.Reachable, CheckIds.ClosesSocket, CheckIds.Crash]);

        // Then closes-socket is skipped and crash says the process that listened on the port is gone
        AssertVerdicts(report, (CheckIds.Reachable, CheckVerdict.Pass), (CheckIds.ClosesSocket, CheckVerdict.Skip), (CheckIds.Crash, CheckVerdict.Fail));
        Assert.Contains(Text(server.Id), Result(report, CheckIds.Crash).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_skip_every_local_check_saying_why_When_the_server_is_on_another_machine()
    {
        // Given a server address that is not this machine's (TEST-NET-3, RFC 5737; reachable is not run, nothing is sent)
        var request = new ServerCheckRequest(CheckKind.EchoServer, "203.0.113.7", 30000)
        {
            Options = new CheckOptions { Only = Ids.Skip(1).ToHashSet() },
        };

        // When the local checks are run
        CheckReport report = await ServerChecker.RunAsync(request, CancellationToken.None);

        // Then each is skipped: it needs the program here, and restart needs netprog to start it
        Assert.All(report.Checks, c => Assert.Equal(CheckVerdict.Skip, c.Verdict));
        Assert.All(report.Checks.Where(c => c.Id != CheckIds.Restart), c => Assert.Contains("this machine", c.Observed, StringComparison.Ordinal));
        Assert.Contains("--", Result(report, CheckIds.Restart).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_say_listen_address_in_Korean_When_the_UI_language_is_Korean()
    {
        // Given a server bound to 127.0.0.1 and a Korean UI
        int port = FreePort();
        CultureInfo before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("ko-KR");
        CheckReport report;
        try
        {
            // When its address is checked
            report = await StartedAsync(CheckKind.EchoServer, port, programs.PathOf("local_echo_loopback"), [Text(port)], ids: [CheckIds.Reachable, CheckIds.ListenAddress]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        // Then it fails in Korean, the C call left as it is
        CheckResult address = Result(report, CheckIds.ListenAddress);
        Assert.Equal(CheckVerdict.Fail, address.Verdict);
        Assert.Contains("다른 컴퓨터에서는 연결할 수 없음", address.Observed, StringComparison.Ordinal);
        Assert.Contains("모든 주소에 바인드하세요: server_addr.sin_addr.s_addr = htonl(INADDR_ANY);", address.Fix, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^port (\d+)$")]
    private static partial Regex PortLine();
}
