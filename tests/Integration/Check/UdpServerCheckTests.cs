using NetProg.Services.Check;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The UDP server checks against C servers written for them (check-c/udp_*.c, one per classic bug) and the course's own,
/// each started by the checker on a free port: the exact verdict of every check, and the words that name the bug.
/// </summary>
public sealed class UdpServerCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    private const CheckVerdict Pass = CheckVerdict.Pass;
    private const CheckVerdict Warn = CheckVerdict.Warn;
    private const CheckVerdict Fail = CheckVerdict.Fail;
    private const CheckVerdict Skip = CheckVerdict.Skip;

    [Fact]
    public async Task Should_pass_every_udp_check_When_the_echo_server_is_correct()
    {
        // Given a UDP echo server with a 65,536-byte buffer that answers every datagram on its own socket
        // When its UDP checks run
        CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, "udp_echo_server_ok");

        // Then every one passes, and what was sent is said
        UdpVerdicts.AssertEcho(report, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("1, 127, 128, 129, 1,000, 1,472, 8,192", UdpVerdicts.Of(report, CheckIds.UdpTruncation).Observed, StringComparison.Ordinal);
        Assert.Contains("an empty datagram came back", UdpVerdicts.Of(report, CheckIds.UdpEmpty).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_udp_truncation_saying_the_buffer_size_When_recvfrom_reads_into_128_bytes()
    {
        // Given a UDP echo server that receives into char buf[128]
        // When its UDP checks run
        CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, "udp_echo_buf128");

        // Then udp-truncation fails, naming 129 as the first size cut and 128 bytes as the buffer; the others pass
        UdpVerdicts.AssertEcho(report, Fail, Pass, Pass, Pass, Pass, Pass);
        CheckResult truncation = UdpVerdicts.Of(report, CheckIds.UdpTruncation);
        Assert.Contains("1, 127, 128 bytes whole; 129 → 128 bytes; 1,000 → 128 bytes", truncation.Observed, StringComparison.Ordinal);
        Assert.Contains("128-byte buffer", truncation.Cause, StringComparison.Ordinal);
        Assert.Contains("char buf[65536]", truncation.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_the_data_checks_with_strlen_s_words_When_the_server_sends_strlen_of_an_uncleared_buffer()
    {
        // Given a UDP echo server that sends strlen(buf) of a buffer it never clears
        // When its UDP checks run
        CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, "udp_echo_strlen");

        // Then the 1-byte datagram comes back with an old tail, the empty one with the previous datagram, the binary one
        // cut at its NUL, the short one after a long one with the long one's tail; the source and the clients are right
        UdpVerdicts.AssertEcho(report, Fail, Fail, Fail, Fail, Pass, Pass);
        Assert.Contains("tail of an earlier", UdpVerdicts.Of(report, CheckIds.UdpTruncation).Cause, StringComparison.Ordinal);
        Assert.Contains("still held an earlier datagram", UdpVerdicts.Of(report, CheckIds.UdpEmpty).Cause, StringComparison.Ordinal);
        CheckResult binary = UdpVerdicts.Of(report, CheckIds.BinaryData);
        Assert.Contains("8 bytes came back: 'Bnetprog'", binary.Observed, StringComparison.Ordinal);
        Assert.Contains("first NUL", binary.Cause, StringComparison.Ordinal);
        Assert.Contains("tail of an earlier", UdpVerdicts.Of(report, CheckIds.StaleBytes).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_every_udp_check_as_serving_the_first_client_only_When_replies_go_to_the_first_address()
    {
        // Given a UDP echo server that sends every reply to the first client it heard from (reachable's probe)
        // When its UDP checks run, each from new ports
        CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, "udp_echo_firstclient");

        // Then reachable passes, and every later check fails: no reply to a new client, with the kept-address words
        UdpVerdicts.AssertEcho(report, Fail, Fail, Fail, Fail, Fail, Fail);
        Assert.All(report.Checks.Skip(1), c => Assert.Contains("first recvfrom()", c.Cause, StringComparison.Ordinal));
        Assert.Contains("nothing came back within 2 s", UdpVerdicts.Of(report, CheckIds.UdpMultiClient).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_udp_reply_source_only_When_the_replies_come_from_a_second_socket()
    {
        // Given a UDP echo server that sends its replies from a second socket, on another port
        // When its UDP checks run
        CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, "udp_echo_othersocket");

        // Then reachable and the data checks pass (netprog reads replies from any port), and udp-reply-source fails naming the port
        UdpVerdicts.AssertEcho(report, Pass, Pass, Pass, Pass, Fail, Pass);
        CheckResult source = UdpVerdicts.Of(report, CheckIds.UdpReplySource);
        Assert.Matches(@"to 127\.0\.0\.1:(\d+): the reply came from 127\.0\.0\.1:(?!\1\b)\d+$", source.Observed);
        Assert.Contains("another socket", source.Cause, StringComparison.Ordinal);
        Assert.Contains("same socket", source.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_warn_udp_empty_When_the_echo_server_ignores_an_empty_datagram()
    {
        // Given a UDP echo server that skips a datagram when recvfrom() returns 0
        // When its UDP checks run
        CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, "udp_echo_ignore_empty");

        // Then udp-empty warns that 0 is an empty datagram, not "connection closed"; the rest passes
        UdpVerdicts.AssertEcho(report, Pass, Warn, Pass, Pass, Pass, Pass);
        CheckResult empty = UdpVerdicts.Of(report, CheckIds.UdpEmpty);
        Assert.Contains("was answered", empty.Observed, StringComparison.Ordinal);
        Assert.Contains("'connection closed'", empty.Cause, StringComparison.Ordinal);
        Assert.Contains("n == 0", empty.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_udp_empty_and_skip_the_rest_When_an_empty_datagram_makes_the_echo_server_exit()
    {
        // Given a UDP echo server that leaves its loop and exits when recvfrom() returns 0
        // When its UDP checks run
        CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, "udp_echo_quit_empty");

        // Then udp-truncation (before it) passes, udp-empty fails saying it exited, and the checks after it are skipped
        UdpVerdicts.AssertEcho(report, Pass, Fail, Skip, Skip, Skip, Skip);
        CheckResult empty = UdpVerdicts.Of(report, CheckIds.UdpEmpty);
        Assert.Contains("the server exited", empty.Observed, StringComparison.Ordinal);
        Assert.Contains("leaves its loop", empty.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_udp_empty_for_a_time_server_When_it_ignores_an_empty_datagram()
    {
        // Given a UDP time server that answers only datagrams with data
        // When its UDP checks run
        CheckReport report = await CheckAsync(CheckKind.UdpTimeServer, "udp_time_ignore_empty");

        // Then udp-empty fails (RFC 868 clients send an empty datagram), and the other checks pass
        UdpVerdicts.AssertTime(report, Fail, Pass, Pass);
        Assert.Contains("rdate -u", UdpVerdicts.Of(report, CheckIds.UdpEmpty).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_only_udp_truncation_When_the_course_s_udp_echo_server_is_checked()
    {
        // Given the course's own UDP echo server, whose recvfrom() reads into 128 bytes
        // When its UDP checks run
        CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, "udp_echo_server");

        // Then the 128-byte buffer is the one bug found
        UdpVerdicts.AssertEcho(report, Fail, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("128-byte buffer", UdpVerdicts.Of(report, CheckIds.UdpTruncation).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_pass_every_udp_check_When_the_course_s_udp_time_server_is_checked()
    {
        // Given the course's own UDP time server, which answers any datagram with ctime() and its NUL
        // When its UDP checks run
        CheckReport report = await CheckAsync(CheckKind.UdpTimeServer, "udp_time_server");

        // Then every one passes, the empty datagram answered with the time
        UdpVerdicts.AssertTime(report, Pass, Pass, Pass);
        Assert.Contains("the time came back, '", UdpVerdicts.Of(report, CheckIds.UdpEmpty).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_say_the_truncation_in_Korean_When_the_UI_language_is_Korean()
    {
        // Given the 128-byte-buffer echo server, and Korean as the UI language
        CultureInfo before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko-KR");
        try
        {
            // When udp-truncation runs
            CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, "udp_echo_buf128", CheckIds.UdpTruncation);

            // Then it fails in Korean, with the same numbers
            CheckResult truncation = UdpVerdicts.Of(report, CheckIds.UdpTruncation);
            Assert.Equal(Fail, truncation.Verdict);
            Assert.Contains("129 → 128바이트", truncation.Observed, StringComparison.Ordinal);
            Assert.Contains("recvfrom()이 128바이트 버퍼로 받습니다", truncation.Cause, StringComparison.Ordinal);
            Assert.Contains("sizeof(buf)를 주세요", truncation.Fix, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private Task<CheckReport> CheckAsync(CheckKind kind, string program, params string[] only)
    {
        int port = FreePort.Udp();
        var request = new ServerCheckRequest(kind, "127.0.0.1", port)
        {
            Program = new ProgramCommand(programs.PathOf(program), [port.ToString(CultureInfo.InvariantCulture)]),
            Options = UdpVerdicts.Options(kind, only),
        };
        return ServerChecker.RunAsync(request, CancellationToken.None);
    }
}
