using NetProg.Services.Check;
using static NetProg.Integration.Tests.Check.TcpServerCheckTests;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The tcp family's time-server checks (time-format and clock also over UDP), in-process through
/// <see cref="ServerChecker"/>, against the C time servers of check-c, the course's time servers and netprog's own.
/// </summary>
public sealed class TcpTimeServerCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    private static readonly string[] TimeChecks = [CheckIds.TimeFormat, CheckIds.Clock, CheckIds.ClosesAfterReply, CheckIds.ConcurrentClients];
    private static readonly string[] UdpTimeChecks = [CheckIds.TimeFormat, CheckIds.Clock];

    [Fact]
    public async Task Should_pass_every_time_check_noting_the_NUL_When_the_course_s_time_server_is_checked()
    {
        // Given the course's iterative time_server.c, which sends ctime() and its NUL, then closes
        // When every time check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.TimeServer, "time_server", [], TimeChecks);

        // Then all pass (an iterative time server serves a second client at once), and the NUL is noted
        AssertVerdicts(report, Expect(TimeChecks));
        CheckResult format = Find(report, CheckIds.TimeFormat);
        Says(format.Observed, "ctime() text; it ends with a NUL byte");
    }

    [Fact]
    public async Task Should_pass_time_format_and_clock_over_UDP_When_the_course_s_udp_time_server_is_checked()
    {
        // Given the course's udp_time_server.c
        // When the UDP time checks run against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.UdpTimeServer, "udp_time_server", [], UdpTimeChecks);

        // Then both pass
        AssertVerdicts(report, Expect(UdpTimeChecks));
    }

    [Theory]
    [InlineData("ctime", "ctime() text")]
    [InlineData("iso8601", "ISO 8601 text")]
    [InlineData("rfc868", "an RFC 868 binary time")]
    public async Task Should_pass_every_time_check_When_netprog_s_own_time_server_sends_its_format(string format, string recognised)
    {
        // Given netprog's time server in one of its formats
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--format", format, "--port", "0", "--bind", "127.0.0.1");

        // When every time check runs against it
        CheckReport report = await CheckRunningAsync(CheckKind.TimeServer, server.Port, TimeChecks);

        // Then all pass, the format recognised
        AssertVerdicts(report, Expect(TimeChecks));
        Assert.Contains(recognised, Find(report, CheckIds.TimeFormat).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_pass_time_format_and_clock_over_UDP_When_netprog_s_own_udp_time_server_is_checked()
    {
        // Given netprog's time server over UDP
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--udp", "--port", "0", "--bind", "127.0.0.1");

        // When the UDP time checks run against it
        CheckReport report = await CheckRunningAsync(CheckKind.UdpTimeServer, server.Port, UdpTimeChecks);

        // Then both pass
        AssertVerdicts(report, Expect(UdpTimeChecks));
    }

    [Fact]
    public async Task Should_fail_only_closes_after_reply_When_the_time_server_keeps_the_connection_open()
    {
        // Given a time server that sends the time and waits for the client to close
        // When every time check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.TimeServer, "tcp_time_keepopen", [], TimeChecks);

        // Then closes-after-reply fails with close() as the fix
        AssertVerdicts(report, Expect(TimeChecks, (CheckIds.ClosesAfterReply, CheckVerdict.Fail)));
        CheckResult closes = Find(report, CheckIds.ClosesAfterReply);
        Says(closes.Observed, "then the connection stayed open for 2 s");
        Says(closes.Fix, "close(client_sock)");
        Says(Find(report, CheckIds.TimeFormat).Observed, "see closes-after-reply");
    }

    [Theory]
    [InlineData("iso", CheckVerdict.Fail, "ahead of this machine's clock", "a time-zone bug: the reply names its zone (UTC for RFC 868 and a 'Z', or an offset) but is +9 h off it")]
    [InlineData("ctime", CheckVerdict.Fail, "ahead of this machine's clock", "a time-zone bug: the text names no zone, so a client reads it as its own local time, and on this same machine the server's is +3 h off")]
    [InlineData("skew", CheckVerdict.Warn, "behind this machine's clock", "the server's clock is wrong")]
    public async Task Should_call_whole_hours_a_time_zone_bug_and_seconds_a_wrong_clock_When_the_server_s_time_is_off(
        string mode, CheckVerdict clock, string direction, string cause)
    {
        // Given a time server whose time is off by whole hours (labelled UTC, or naming no zone) or by 90 seconds
        // When every time check runs against it
        CheckReport report = await CheckProgramAsync(programs, CheckKind.TimeServer, "tcp_time_utc_offset", [mode], TimeChecks);

        // Then only clock finds it: a time-zone bug (FAIL) for whole hours, a wrong clock (WARN) for seconds
        AssertVerdicts(report, Expect(TimeChecks, (CheckIds.Clock, clock)));
        CheckResult result = Find(report, CheckIds.Clock);
        Says(result.Observed, direction);
        Says(result.Cause, cause, start: true);
    }

    [Theory]
    [InlineData("garbage", CheckVerdict.Pass, CheckVerdict.Pass, "these bytes are no time")]
    [InlineData("silent", CheckVerdict.Fail, CheckVerdict.Fail, "never sends the time")]
    [InlineData("endless", CheckVerdict.Fail, CheckVerdict.Pass, "sends without end")]
    [InlineData("close", CheckVerdict.Fail, CheckVerdict.Fail, "closes the connection without sending the time")]
    public async Task Should_fail_time_format_and_skip_clock_without_hanging_When_the_time_server_is_hostile(
        string mode, CheckVerdict closes, CheckVerdict concurrent, string cause)
    {
        // Given a hostile time server: garbage, silence, endless data, or a close at once
        // When every time check runs against it (1 s: silence only waits)
        var watch = System.Diagnostics.Stopwatch.StartNew();
        CheckReport report = await CheckProgramAsync(programs, CheckKind.TimeServer, "tcp_time_garbage", [mode], TimeChecks, TimeSpan.FromSeconds(1));

        // Then time-format fails with the cause, clock has no time to compare, and every wait was bounded
        AssertVerdicts(report, Expect(
            TimeChecks,
            (CheckIds.TimeFormat, CheckVerdict.Fail),
            (CheckIds.Clock, CheckVerdict.Skip),
            (CheckIds.ClosesAfterReply, closes),
            (CheckIds.ConcurrentClients, concurrent)));
        Says(Find(report, CheckIds.TimeFormat).Cause, cause);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the checks took {watch.Elapsed}");
    }

    [Fact]
    public async Task Should_fail_time_format_as_an_echo_server_When_an_echo_server_answers_on_the_time_port()
    {
        // Given the course's echo servers, checked as time servers by mistake
        // When time-format runs over TCP and over UDP
        CheckReport tcp = await CheckProgramAsync(programs, CheckKind.TimeServer, "echo_server", [], [CheckIds.TimeFormat]);
        CheckReport udp = await CheckProgramAsync(programs, CheckKind.UdpTimeServer, "udp_echo_server", [], [CheckIds.TimeFormat]);

        // Then both fail, saying the program echoes what it receives
        AssertVerdicts(tcp, Expect([CheckIds.TimeFormat], (CheckIds.TimeFormat, CheckVerdict.Fail)));
        AssertVerdicts(udp, Expect([CheckIds.TimeFormat], (CheckIds.TimeFormat, CheckVerdict.Fail)));
        Says(Find(tcp, CheckIds.TimeFormat).Observed, "came back as it was");
        Says(Find(udp, CheckIds.TimeFormat).Observed, "the datagram came back as it was sent: 'time'");
        Says(Find(udp, CheckIds.TimeFormat).Cause, "echoes what it receives");
    }
}
