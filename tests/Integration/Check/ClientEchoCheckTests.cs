using NetProg.Services.Check;
using static NetProg.Integration.Tests.Check.ClientCheckRun;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The echo-client and udp-echo-client checks, in-process through the client checker, against the C echo clients of
/// check-c (a correct one and one per classic bug): the exact verdict of every check for every program (the course's
/// clients: ClientCourseCheckTests).
/// </summary>
public sealed class ClientEchoCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    [Fact]
    public async Task Should_pass_every_echo_client_check_When_the_client_sends_whole_lines_and_reads_each_echo_whole()
    {
        // Given the correct C echo client
        // When every echo-client check runs against it
        CheckReport report = await RunAsync(CheckKind.EchoClient, programs.PathOf("client_echo_ok"), []);

        // Then every check passes
        AssertVerdicts(report);
        Says(Of(report, CheckIds.LongReply).Observed, "printed '0123456789");
    }

    [Fact]
    public async Task Should_fail_only_fragmented_reply_When_the_echo_client_takes_one_recv_as_the_whole_echo()
    {
        // Given an echo client with one recv() per line into a buffer large enough for the long line
        // When every echo-client check runs against it
        CheckReport report = await RunAsync(CheckKind.EchoClient, programs.PathOf("client_echo_onerecv"), []);

        // Then fragmented-reply fails as one recv() taken as a whole message; the long line, echoed in one piece, passes
        AssertVerdicts(report, (CheckIds.FragmentedReply, CheckVerdict.Fail));
        CheckResult fragmented = Of(report, CheckIds.FragmentedReply);
        Says(fragmented.Observed, "printed 'fragmented' (10 bytes)");
        Says(fragmented.Cause, "one recv() taken as a whole message");
    }

    [Fact]
    public async Task Should_fail_echo_eof_and_warn_no_reply_When_the_client_exits_as_soon_as_its_input_ends()
    {
        // Given an echo client that closes and exits at the end of its input, the last echo still on its way
        // When every echo-client check runs against it
        CheckReport report = await RunAsync(CheckKind.EchoClient, programs.PathOf("client_echo_eofquit"), []);

        // Then echo-eof fails (the echo held back a moment is never printed: shutdown(SHUT_WR) is the fix), and no-reply
        // warns: it ended without the echo and exit 0
        AssertVerdicts(report, (CheckIds.NoReply, CheckVerdict.Warn), (CheckIds.EchoEof, CheckVerdict.Fail));
        CheckResult eof = Of(report, CheckIds.EchoEof);
        Says(eof.Observed, "the client had exited before the echo was sent");
        Says(eof.Fix, "shutdown(sock, SHUT_WR)");
        Says(Of(report, CheckIds.NoReply).Observed, "exit code 0");
    }

    [Fact]
    public async Task Should_fail_refused_and_warn_closed_early_and_no_reply_When_the_client_ignores_connect_and_always_exits_0()
    {
        // Given an echo client that does not check connect() and returns 0 whatever failed
        // When every echo-client check runs against it
        CheckReport report = await RunAsync(CheckKind.EchoClient, programs.PathOf("client_echo_exit0"), []);

        // Then refused fails (no word, exit 0), closed-early and no-reply warn (exit 0 without a reply)
        AssertVerdicts(
            report,
            (CheckIds.Refused, CheckVerdict.Fail),
            (CheckIds.ClosedEarly, CheckVerdict.Warn),
            (CheckIds.NoReply, CheckVerdict.Warn));
        CheckResult refused = Of(report, CheckIds.Refused);
        Says(refused.Observed, "printed nothing, exit code 0");
        Says(refused.Cause, "connect()'s return value is not checked");
    }

    [Fact]
    public async Task Should_fail_every_echo_check_When_the_client_ignores_the_end_of_its_input_and_sends_its_last_line_again()
    {
        // Given an echo client whose loop does not stop when fgets() returns NULL
        // When every echo-client check runs against it
        CheckReport report = await RunAsync(CheckKind.EchoClient, programs.PathOf("client_echo_eofignore"), []);

        // Then every check that ends its input fails, however far its flood of repeated lines got; refused, closed-early
        // and no-reply, where the server is gone or silent, pass (it says so and exits 1)
        AssertVerdicts(
            report,
            (CheckIds.Basic, CheckVerdict.Fail),
            (CheckIds.FragmentedReply, CheckVerdict.Fail),
            (CheckIds.LongReply, CheckVerdict.Fail),
            (CheckIds.EchoEof, CheckVerdict.Fail));
        CheckResult basic = Of(report, CheckIds.Basic);
        Says(basic.Observed, "where its input held 14");
        Says(basic.Cause, "fgets() returning NULL is not checked");
    }

    [Fact]
    public async Task Should_pass_every_udp_echo_client_check_When_the_client_receives_into_a_buffer_as_large_as_a_datagram()
    {
        // Given the correct C UDP echo client
        // When every udp-echo-client check runs against it
        CheckReport report = await RunAsync(CheckKind.UdpEchoClient, programs.PathOf("client_udp_echo_ok"), []);

        // Then every check passes
        AssertVerdicts(report);
    }

    [Fact]
    public async Task Should_fail_only_long_reply_When_the_udp_client_receives_into_128_bytes()
    {
        // Given a UDP echo client whose reply buffer is 128 bytes
        // When every udp-echo-client check runs against it
        CheckReport report = await RunAsync(CheckKind.UdpEchoClient, programs.PathOf("client_udp_echo_cut"), []);

        // Then long-reply fails: the datagram was cut without an error (MSG_TRUNC)
        AssertVerdicts(report, (CheckIds.LongReply, CheckVerdict.Fail));
        CheckResult longReply = Of(report, CheckIds.LongReply);
        Says(longReply.Observed, "only 128 of its 999 bytes came out");
        Says(longReply.Cause, "MSG_TRUNC");
    }
}
