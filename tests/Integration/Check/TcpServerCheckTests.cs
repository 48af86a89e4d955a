using NetProg.Services.Check;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The tcp family's echo-server checks, in-process through <see cref="ServerChecker"/>, against the C echo servers of
/// check-c (a correct one and one per classic bug), the course's echo_server.c and netprog's own echo-server: the exact
/// verdict of every check for every program.
/// </summary>
public sealed class TcpServerCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    /// <summary>Short, so a FAIL that waits for what never comes costs little; a correct server answers in milliseconds.</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    internal static readonly string[] EchoChecks =
    [
        CheckIds.ConcurrentClients, CheckIds.FragmentedInput, CheckIds.LongMessage, CheckIds.BinaryData,
        CheckIds.StaleBytes, CheckIds.Bulk, CheckIds.HalfClose, CheckIds.AbruptClose,
    ];

    [Fact]
    public async Task Should_pass_every_echo_check_When_the_server_forks_ignores_SIGPIPE_and_loops_on_recv_and_send()
    {
        // Given the correct C echo server
        // When every echo check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.EchoServer, "tcp_echo_server_ok", [], EchoChecks);

        // Then every check passes
        AssertVerdicts(report, Expect(EchoChecks));
    }

    [Fact]
    public async Task Should_pass_every_echo_check_When_netprog_s_own_echo_server_is_checked()
    {
        // Given netprog's echo server, already running
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--port", "0", "--bind", "127.0.0.1");

        // When every echo check runs against it
        CheckReport report = await CheckRunningAsync(CheckKind.EchoServer, server.Port, EchoChecks);

        // Then every check passes
        AssertVerdicts(report, Expect(EchoChecks));
    }

    [Fact]
    public async Task Should_fail_only_concurrent_clients_When_the_course_s_iterative_echo_server_is_checked()
    {
        // Given the course's echo_server.c: correct loops, but one client at a time
        // When every echo check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.EchoServer, "echo_server", [], EchoChecks);

        // Then concurrent-clients fails as "one client at a time" (confirmed: the second was served once the first left)
        AssertVerdicts(report, Expect(EchoChecks, (CheckIds.ConcurrentClients, CheckVerdict.Fail)));
        CheckResult concurrent = Find(report, CheckIds.ConcurrentClients);
        Says(concurrent.Observed, "once the first left, the second was served");
        Says(concurrent.Cause, "one client at a time");
        Says(concurrent.Fix, "fork()");
    }

    [Fact]
    public async Task Should_fail_fragmented_long_stale_and_bulk_When_one_recv_is_taken_as_the_whole_message()
    {
        // Given a server that does one recv() and one send() per connection, then closes
        // When every echo check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.EchoServer, "tcp_echo_once", [], EchoChecks);

        // Then the checks that send in pieces, long or twice fail, and fragmented-input names the single recv()
        AssertVerdicts(report, Expect(
            EchoChecks,
            (CheckIds.FragmentedInput, CheckVerdict.Fail),
            (CheckIds.LongMessage, CheckVerdict.Fail),
            (CheckIds.StaleBytes, CheckVerdict.Fail),
            (CheckIds.Bulk, CheckVerdict.Fail)));
        CheckResult fragmented = Find(report, CheckIds.FragmentedInput);
        Says(fragmented.Observed, "sent a 19-byte line one byte at a time, 40 ms apart: 1 of 19 bytes came back ('o'), then the server");
        Says(fragmented.Cause, "one recv()");
        Says(Find(report, CheckIds.StaleBytes).Cause, "closed the connection after the first message");
    }

    [Fact]
    public async Task Should_fail_only_long_message_naming_the_128_byte_buffer_When_lines_are_cut_at_128_bytes()
    {
        // Given a server that reads each line into char line[128] and drops the rest
        // When every echo check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.EchoServer, "tcp_echo_cut128", [], EchoChecks);

        // Then long-message fails at the 200-byte line, 128 bytes back, blaming the 128-byte buffer
        AssertVerdicts(report, Expect(EchoChecks, (CheckIds.LongMessage, CheckVerdict.Fail)));
        CheckResult longMessage = Find(report, CheckIds.LongMessage);
        Says(longMessage.Observed, "sent a 200-byte line: 128 bytes came back, differing from offset 127 on", start: true);
        Says(longMessage.Cause, "128-byte buffer");
    }

    [Fact]
    public async Task Should_fail_binary_stale_and_bulk_When_the_server_sends_strlen_of_an_uncleared_buffer()
    {
        // Given a server that answers each line with send(strlen(buf)) on a buffer it never clears
        // When every echo check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.EchoServer, "tcp_echo_strlen", [], EchoChecks);

        // Then binary-data stops at the NUL, stale-bytes shows the old tail, and bulk gets bytes never sent
        AssertVerdicts(report, Expect(
            EchoChecks,
            (CheckIds.BinaryData, CheckVerdict.Fail),
            (CheckIds.StaleBytes, CheckVerdict.Fail),
            (CheckIds.Bulk, CheckVerdict.Fail)));
        CheckResult binary = Find(report, CheckIds.BinaryData);
        Says(binary.Observed, "3 of 22 bytes came back ('bin')");
        Says(binary.Cause, "strlen()");
        CheckResult stale = Find(report, CheckIds.StaleBytes);
        Says(stale.Observed, "the 3 bytes came back and 97 more that were never sent");
        Says(stale.Cause, "old tail");
    }

    [Fact]
    public async Task Should_fail_abrupt_close_saying_SIGPIPE_killed_it_When_the_server_ignores_send_errors_without_ignoring_SIGPIPE()
    {
        // Given an iterative server that neither ignores SIGPIPE nor looks at send()'s result
        // When every echo check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.EchoServer, "tcp_echo_sigpipe", [], EchoChecks);

        // Then abrupt-close fails: SIGPIPE ended it, and the fix is SIG_IGN; it is iterative too
        AssertVerdicts(report, Expect(EchoChecks, (CheckIds.ConcurrentClients, CheckVerdict.Fail), (CheckIds.AbruptClose, CheckVerdict.Fail)));
        CheckResult abrupt = Find(report, CheckIds.AbruptClose);
        Says(abrupt.Observed, "the server was killed by SIGPIPE");
        Says(abrupt.Fix, "signal(SIGPIPE, SIG_IGN)");
    }

    [Fact]
    public async Task Should_fail_abrupt_close_with_the_exit_code_and_last_stderr_line_When_the_server_exits_on_a_send_error()
    {
        // Given the same server in the mode that exits on any send() error
        // When abrupt-close runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.EchoServer, "tcp_echo_sigpipe", ["exit"], [CheckIds.AbruptClose]);

        // Then it fails with exit code 1 and perror()'s line
        AssertVerdicts(report, Expect([CheckIds.AbruptClose], (CheckIds.AbruptClose, CheckVerdict.Fail)));
        CheckResult abrupt = Find(report, CheckIds.AbruptClose);
        Says(abrupt.Observed, "the server exited with code 1 (its last line on stderr: 'send: Connection reset by peer')");
        Says(abrupt.Cause, "exits when send() or recv() fails");
    }

    [Fact]
    public async Task Should_fail_only_bulk_showing_the_missing_bytes_When_short_sends_on_non_blocking_sockets_are_not_checked()
    {
        // Given a poll() server whose send() on a non-blocking socket is not checked
        // When every echo check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.EchoServer, "tcp_echo_nonblock", [], EchoChecks);

        // Then bulk fails, bytes missing (a gap, or the whole tail when the server read everything before the client did),
        // blamed on the unchecked short send()
        AssertVerdicts(report, Expect(EchoChecks, (CheckIds.Bulk, CheckVerdict.Fail)));
        CheckResult bulk = Find(report, CheckIds.Bulk);
        Says(bulk.Observed, "sent 1,048,576 bytes while reading slowly: ", start: true);
        Says(bulk.Cause, "short send");
    }

    [Fact]
    public async Task Should_fail_every_echo_check_within_the_bounds_When_the_server_sends_endless_data()
    {
        // Given a hostile server that sends without end and never reads or closes
        // When every echo check runs against it
        var watch = System.Diagnostics.Stopwatch.StartNew();
        CheckReport report = await CheckProgramAsync(programs, CheckKind.EchoServer, "tcp_time_garbage", ["endless"], EchoChecks);

        // Then every check fails with what came instead of the echo, and nothing waited longer than its bounds
        AssertVerdicts(report, Expect(EchoChecks, EchoChecks.Select(id => (id, CheckVerdict.Fail)).ToArray()));
        Says(Find(report, CheckIds.FragmentedInput).Observed, "differing from offset 0 on");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the checks took {watch.Elapsed}");
    }

    [Fact]
    public async Task Should_say_observed_cause_and_fix_in_Korean_When_the_UI_language_is_Korean()
    {
        // Given the server that cuts lines at 128 bytes, and a Korean UI
        CultureInfo before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko-KR");
        CheckReport report;
        try
        {
            // When long-message runs against it
            report = await CheckProgramAsync(programs, CheckKind.EchoServer, "tcp_echo_cut128", [], [CheckIds.LongMessage]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        // Then its FAIL is said in Korean, the C calls kept as they are
        CheckResult longMessage = Find(report, CheckIds.LongMessage);
        Assert.Equal(CheckVerdict.Fail, longMessage.Verdict);
        Says(longMessage.Observed, "200바이트 줄을 보냄: 128바이트가 돌아왔지만 오프셋 127부터 다름", start: true);
        Says(longMessage.Cause, "128바이트 버퍼(char buf[128])");
        Says(longMessage.Fix, "recv()가 0을 돌려줄 때까지");
    }

    /// <summary>
    /// Starts a check-c or course-c program on a free port (argument 0) through the checker, checks it, stops it. The
    /// checker itself restores SIGPIPE's default action in the program (the .NET runtime ignores it, and an ignored signal
    /// stays ignored across execve(2)): the SIGPIPE test below fails if it does not.
    /// </summary>
    internal static Task<CheckReport> CheckProgramAsync(
        CheckC programs, CheckKind kind, string program, string[] arguments, IEnumerable<string> checks, TimeSpan? timeout = null)
    {
        var request = new ServerCheckRequest(kind, "127.0.0.1", 0)
        {
            Program = new ProgramCommand(programs.PathOf(program), ["0", .. arguments]),
            Options = Options(checks, timeout),
        };
        return ServerChecker.RunAsync(request, CancellationToken.None);
    }

    /// <summary>Checks a server that is already running on 127.0.0.1:<paramref name="port"/>.</summary>
    internal static Task<CheckReport> CheckRunningAsync(CheckKind kind, int port, IEnumerable<string> checks, TimeSpan? timeout = null) =>
        ServerChecker.RunAsync(new ServerCheckRequest(kind, "127.0.0.1", port) { Options = Options(checks, timeout) }, CancellationToken.None);

    /// <summary><paramref name="checks"/> in order, each PASS unless <paramref name="others"/> says otherwise.</summary>
    internal static IReadOnlyList<(string Id, CheckVerdict Verdict)> Expect(IEnumerable<string> checks, params (string Id, CheckVerdict Verdict)[] others) =>
        checks.Select(id => (id, others.Where(o => o.Id == id).Select(o => o.Verdict).DefaultIfEmpty(CheckVerdict.Pass).First())).ToList();

    /// <summary>
    /// The report holds reachable (PASS) and then exactly <paramref name="expected"/>, in order; every WARN and FAIL has a
    /// cause and a fix. The message shows every line of the report.
    /// </summary>
    internal static void AssertVerdicts(CheckReport report, IReadOnlyList<(string Id, CheckVerdict Verdict)> expected)
    {
        string lines = string.Join('\n', report.Checks.Select(c => $"{c.Verdict} {c.Id}: {c.Observed} | cause: {c.Cause} | fix: {c.Fix}"));
        List<(string, CheckVerdict)> actual = report.Checks.Select(c => (c.Id, c.Verdict)).ToList();
        List<(string, CheckVerdict)> wanted = [(CheckIds.Reachable, CheckVerdict.Pass), .. expected];
        Assert.True(wanted.SequenceEqual(actual), $"expected {string.Join(", ", wanted)}\nbut the report was:\n{lines}");
        Assert.All(
            report.Checks.Where(c => c.Verdict is CheckVerdict.Warn or CheckVerdict.Fail),
            c => Assert.False(string.IsNullOrWhiteSpace(c.Cause) || string.IsNullOrWhiteSpace(c.Fix), $"{c.Id} has no cause or fix\n{lines}"));
    }

    internal static CheckResult Find(CheckReport report, string id) => report.Checks.Single(c => c.Id == id);

    /// <summary>Asserts that <paramref name="text"/> (an Observed, Cause or Fix) contains, or starts with, <paramref name="expected"/>; shows all of it when not.</summary>
    internal static void Says(string? text, string expected, bool start = false)
    {
        bool found = text is not null && (start ? text.StartsWith(expected, StringComparison.Ordinal) : text.Contains(expected, StringComparison.Ordinal));
        Assert.True(found, $"expected {(start ? "the start" : "a part")} '{expected}' in:\n{text}");
    }

    private static CheckOptions Options(IEnumerable<string> checks, TimeSpan? timeout) => new()
    {
        Timeout = timeout ?? Timeout,
        Only = new HashSet<string>([CheckIds.Reachable, .. checks], StringComparer.Ordinal),
    };
}
