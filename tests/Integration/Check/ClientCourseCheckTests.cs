using NetProg.Services.Check;
using static NetProg.Integration.Tests.Check.ClientCheckRun;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The client checks against the course's own clients (course-c/*_client.c, the programs students start from): every
/// verdict asserted. What fails or warns here is a true finding of a bug the students inherit, not a false one — a
/// single recv() taken as the whole reply, a 128-byte line buffer, exit 0 on every end, no timeout over TCP.
/// </summary>
public sealed class ClientCourseCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    [Fact]
    public async Task Should_fail_fragmented_reply_and_warn_closed_early_and_no_reply_When_the_course_s_time_client_is_checked()
    {
        // Given the course's time_client.c: one recv() into 128 zeroed bytes, exit 0 whatever recv() returned, no timeout
        // When every time-client check runs against it
        CheckReport report = await RunAsync(CheckKind.TimeClient, programs.PathOf("time_client"), []);

        // Then these are true findings, not false bugs: the single recv() prints a reply in pieces cut (fragmented-reply
        // FAIL); a server that closes at once gets "Time information from server is " and exit 0 (closed-early WARN); and
        // a silent server blocks its recv() for ever (no-reply: a WARN over TCP, the connection being up)
        AssertVerdicts(
            report,
            (CheckIds.FragmentedReply, CheckVerdict.Fail),
            (CheckIds.ClosedEarly, CheckVerdict.Warn),
            (CheckIds.NoReply, CheckVerdict.Warn));
        Says(Of(report, CheckIds.FragmentedReply).Cause, "one recv() taken as a whole message");
        Says(Of(report, CheckIds.ClosedEarly).Observed, "printed 'Time information from server is ' (32 bytes), exit code 0");
        Says(Of(report, CheckIds.NoReply).Observed, "stopped by netprog");
        Says(Of(report, CheckIds.NoReply).Fix, "SO_RCVTIMEO");
    }

    [Fact]
    public async Task Should_pass_every_udp_time_client_check_When_the_course_s_udp_time_client_is_checked_with_the_default_timeout()
    {
        // Given the course's udp_time_client.c, whose SO_RCVTIMEO is 5 s, and the default --timeout of 5 s
        // When every udp-time-client check runs against it
        CheckReport report = await RunAsync(CheckKind.UdpTimeClient, programs.PathOf("udp_time_client"), [], CourseUdpTimeout);

        // Then every check passes: it gives up by itself, with a message and exit code 1, where no reply comes
        AssertVerdicts(report);
        Says(Of(report, CheckIds.NoReply).Observed, "the client gave up by itself");
    }
    [Fact]
    public async Task Should_fail_fragmented_and_long_reply_and_warn_closed_early_and_no_reply_When_the_course_s_echo_client_is_checked()
    {
        // Given the course's echo_client.c: fgets() and one recv() into 128 bytes, exit 0 on every end, no timeout
        // When every echo-client check runs against it
        CheckReport report = await RunAsync(CheckKind.EchoClient, programs.PathOf("echo_client"), []);

        // Then these are true findings, not false bugs: its single recv() prints an echo in pieces cut (fragmented-reply),
        // its 128-byte buffer splits the 1,000-byte line into 8 sends, each echo printed after a prompt (long-reply), a
        // server that closes at once gets exit 0 (closed-early WARN), and a silent one blocks it for ever (no-reply: a WARN
        // over TCP). Its prompts ("Input : ", "Echo : ") are no garbage: basic and echo-eof pass
        AssertVerdicts(
            report,
            (CheckIds.FragmentedReply, CheckVerdict.Fail),
            (CheckIds.LongReply, CheckVerdict.Fail),
            (CheckIds.ClosedEarly, CheckVerdict.Warn),
            (CheckIds.NoReply, CheckVerdict.Warn));
        Says(Of(report, CheckIds.FragmentedReply).Cause, "one recv() taken as a whole message");
        Says(Of(report, CheckIds.LongReply).Observed, "in 8 pieces with other output between them");
    }

    [Fact]
    public async Task Should_fail_only_long_reply_When_the_course_s_udp_echo_client_is_checked_with_the_default_timeout()
    {
        // Given the course's udp_echo_client.c (fgets() into 128 bytes, SO_RCVTIMEO 5 s) and the default --timeout of 5 s
        // When every udp-echo-client check runs against it
        CheckReport report = await RunAsync(CheckKind.UdpEchoClient, programs.PathOf("udp_echo_client"), [], CourseUdpTimeout);

        // Then long-reply fails, a true finding: the 1,000-byte line goes out as 8 datagrams, each echo printed after a prompt
        AssertVerdicts(report, (CheckIds.LongReply, CheckVerdict.Fail));
        Says(Of(report, CheckIds.LongReply).Observed, "in 8 pieces with other output between them");
    }
}
