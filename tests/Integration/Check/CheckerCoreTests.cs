using NetProg.Services.Check;

namespace NetProg.Integration.Tests.Check;

/// <summary>The checker's own frame: it starts a program, finds where it listens, and stops it with everything it started.</summary>
public sealed class CheckerCoreTests(CheckC programs) : IClassFixture<CheckC>
{
    [Fact]
    public async Task Should_find_the_started_server_on_the_port_of_its_arguments_and_leave_no_process_When_the_course_echo_server_is_checked()
    {
        // Given the course's echo server, started by the checker on a free port named in its arguments
        int port = FreePort.Tcp();
        var request = new ServerCheckRequest(CheckKind.EchoServer, "127.0.0.1", port)
        {
            Program = new ProgramCommand(programs.PathOf("echo_server"), [port.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            Options = new CheckOptions { Only = new HashSet<string> { CheckIds.Reachable } },
        };

        // When it is checked for reachability only
        CheckReport report = await ServerChecker.RunAsync(request, CancellationToken.None);

        // Then it was reached on that port, and no process of it is left
        CheckResult reachable = Assert.Single(report.Checks);
        Assert.Equal(CheckVerdict.Pass, reachable.Verdict);
        Assert.Contains($"127.0.0.1:{port}", reachable.Observed, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Diagnostics.Process.GetProcessesByName("echo_server"), p => !p.HasExited && p.StartTime > DateTime.Now.AddMinutes(-1) && IsOurs(p, port));
    }

    [Fact]
    public async Task Should_fail_reachable_with_the_doctor_s_words_When_nothing_listens()
    {
        // Given a port nobody listens on
        int port = FreePort.Tcp();

        // When an echo server there is checked
        CheckReport report = await ServerChecker.RunAsync(new ServerCheckRequest(CheckKind.EchoServer, "127.0.0.1", port), CancellationToken.None);

        // Then reachable fails saying the port is closed, and every network check is skipped for it
        CheckResult reachable = report.Checks[0];
        Assert.Equal(CheckVerdict.Fail, reachable.Verdict);
        Assert.Contains("closed", reachable.Observed, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(reachable.Fix);
        Assert.All(report.Checks.Where(c => c.Id is CheckIds.LongMessage or CheckIds.Bulk), c => Assert.Equal(CheckVerdict.Skip, c.Verdict));
    }

    [Fact]
    public async Task Should_show_the_failed_reachable_line_and_fail_When_only_other_checks_are_asked_and_nothing_listens()
    {
        // Given a port nobody listens on
        int port = FreePort.Tcp();

        // When only long-message is asked for
        var request = new ServerCheckRequest(CheckKind.EchoServer, "127.0.0.1", port)
        {
            Options = new CheckOptions { Only = new HashSet<string> { CheckIds.LongMessage } },
        };
        CheckReport report = await ServerChecker.RunAsync(request, CancellationToken.None);

        // Then reachable still ran and its failure is shown, so the skip that points at it is not a silent success
        Assert.Equal([(CheckIds.Reachable, CheckVerdict.Fail), (CheckIds.LongMessage, CheckVerdict.Skip)], report.Checks.Select(c => (c.Id, c.Verdict)));
    }

    [Fact]
    public async Task Should_show_only_the_asked_check_When_the_server_is_reached()
    {
        // Given the course's echo server
        int port = FreePort.Tcp();
        var request = new ServerCheckRequest(CheckKind.EchoServer, "127.0.0.1", port)
        {
            Program = new ProgramCommand(programs.PathOf("echo_server"), [port.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            Options = new CheckOptions { Only = new HashSet<string> { CheckIds.LongMessage } },
        };

        // When only long-message is asked for
        CheckReport report = await ServerChecker.RunAsync(request, CancellationToken.None);

        // Then long-message ran (reachable passed behind the scenes) and is the only line
        CheckResult only = Assert.Single(report.Checks);
        Assert.Equal((CheckIds.LongMessage, CheckVerdict.Pass), (only.Id, only.Verdict));
    }

    private static bool IsOurs(System.Diagnostics.Process process, int port)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
