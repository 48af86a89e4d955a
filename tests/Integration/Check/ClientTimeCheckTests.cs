using NetProg.Services.Check;
using static NetProg.Integration.Tests.Check.ClientCheckRun;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The time-client and udp-time-client checks, in-process through the client checker, against the C time clients of
/// check-c (a correct one and one per classic bug): the exact verdict of every check for every program (the course's
/// clients: ClientCourseCheckTests).
/// </summary>
public sealed class ClientTimeCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    [Fact]
    public async Task Should_pass_every_time_client_check_When_the_client_loops_on_recv_terminates_the_text_and_times_out()
    {
        // Given the correct C time client
        // When every time-client check runs against it
        CheckReport report = await RunAsync(CheckKind.TimeClient, programs.PathOf("client_time_ok"), []);

        // Then every check passes, the time printed whole
        AssertVerdicts(report);
        Says(Of(report, CheckIds.FragmentedReply).Observed, "in 3 pieces");
    }

    [Fact]
    public async Task Should_fail_only_fragmented_reply_When_the_client_takes_one_recv_as_the_whole_reply()
    {
        // Given a time client with a single recv()
        // When every time-client check runs against it
        CheckReport report = await RunAsync(CheckKind.TimeClient, programs.PathOf("client_time_onerecv"), []);

        // Then fragmented-reply fails as one recv() taken as a whole message, with the loop as the fix
        AssertVerdicts(report, (CheckIds.FragmentedReply, CheckVerdict.Fail));
        CheckResult fragmented = Of(report, CheckIds.FragmentedReply);
        Says(fragmented.Observed, "only the first 8 of its 24 bytes came out");
        Says(fragmented.Cause, "one recv() taken as a whole message");
        Says(fragmented.Fix, "loop on recv() until it returns 0");
    }

    [Fact]
    public async Task Should_fail_only_without_nul_showing_the_garbage_When_the_client_prints_a_buffer_it_never_terminated()
    {
        // Given a time client without buf[n] = '\0' (its buffer full of 'X' before the reply)
        // When every time-client check runs against it
        CheckReport report = await RunAsync(CheckKind.TimeClient, programs.PathOf("client_time_unterminated"), []);

        // Then with the course's NUL the text ends in time, without it the old bytes come out: without-nul fails
        AssertVerdicts(report, (CheckIds.WithoutNul, CheckVerdict.Fail));
        CheckResult withoutNul = Of(report, CheckIds.WithoutNul);
        Says(withoutNul.Observed, "past the time that the server never sent: 'XXXX");
        Says(withoutNul.Cause, "printed with %s without being terminated");
        Says(withoutNul.Fix, "buf[n] = '\\0'");
    }

    [Fact]
    public async Task Should_warn_only_with_nul_When_the_client_writes_the_server_s_NUL_byte_out()
    {
        // Given a time client that fwrite()s every byte received
        // When every time-client check runs against it
        CheckReport report = await RunAsync(CheckKind.TimeClient, programs.PathOf("client_time_write"), []);

        // Then the course server's NUL reaches the output: with-nul warns
        AssertVerdicts(report, (CheckIds.WithNul, CheckVerdict.Warn));
        Says(Of(report, CheckIds.WithNul).Observed, "the NUL byte the server sent came out too");
    }

    [Fact]
    public async Task Should_warn_only_refused_When_the_client_exits_1_without_a_word()
    {
        // Given a time client that exits 1 on a failed connect() without perror()
        // When every time-client check runs against it
        CheckReport report = await RunAsync(CheckKind.TimeClient, programs.PathOf("client_time_silent"), []);

        // Then refused warns that it says nothing, with perror() as the fix
        AssertVerdicts(report, (CheckIds.Refused, CheckVerdict.Warn));
        CheckResult refused = Of(report, CheckIds.Refused);
        Says(refused.Observed, "printed nothing, exit code 1");
        Says(refused.Fix, "perror(\"connect\")");
    }

    [Fact]
    public async Task Should_pass_every_udp_time_client_check_When_the_client_connects_its_udp_socket_and_times_out()
    {
        // Given the correct C UDP time client (connect()ed socket, SO_RCVTIMEO)
        // When every udp-time-client check runs against it
        CheckReport report = await RunAsync(CheckKind.UdpTimeClient, programs.PathOf("client_udp_time_ok"), []);

        // Then every check passes, refused told at once by ECONNREFUSED
        AssertVerdicts(report);
        Says(Of(report, CheckIds.Refused).Observed, "Connection refused");
    }

    [Fact]
    public async Task Should_fail_no_reply_and_warn_refused_When_the_udp_client_waits_in_recvfrom_without_a_timeout()
    {
        // Given a UDP time client with no receive timeout on an unconnected socket
        // When every udp-time-client check runs against it
        CheckReport report = await RunAsync(CheckKind.UdpTimeClient, programs.PathOf("client_udp_notimeout"), []);

        // Then no-reply fails as "no timeout", and refused warns that it waits for a port where nothing is
        AssertVerdicts(report, (CheckIds.Refused, CheckVerdict.Warn), (CheckIds.NoReply, CheckVerdict.Fail));
        CheckResult noReply = Of(report, CheckIds.NoReply);
        Says(noReply.Observed, "stopped by netprog");
        Says(noReply.Cause, "no timeout");
        Says(noReply.Fix, "SO_RCVTIMEO");
        Says(Of(report, CheckIds.Refused).Fix, "connect() the UDP socket");
    }
}
