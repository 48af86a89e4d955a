namespace NetProg.Integration.Tests.Check;

/// <summary>The verdict matrix of the clients: netprog plays the server for each check-c and course client.</summary>
public sealed class ClientVerdictMatrixTests(CheckC programs) : IClassFixture<CheckC>
{
    /// <summary>Kind, program, expected non-PASS verdicts, --timeout (the course's UDP clients wait 5 s themselves).</summary>
    public static TheoryData<string, string, string, string> Clients => new()
    {
        { "time-client", "client_time_ok", "", "2s" },
        { "time-client", "client_time_onerecv", "fail:fragmented-reply", "2s" },
        { "time-client", "client_time_unterminated", "fail:without-nul", "2s" },
        { "time-client", "client_time_write", "warn:with-nul", "2s" },
        { "time-client", "client_time_silent", "warn:refused", "2s" },

        // The course's clients: one recv() per reply, exit 0 on every end, no timeout over TCP. True findings.
        { "time-client", "time_client", "fail:fragmented-reply warn:closed-early warn:no-reply", "2s" },
        { "udp-time-client", "client_udp_time_ok", "", "2s" },
        { "udp-time-client", "client_udp_notimeout", "warn:refused fail:no-reply", "2s" },
        { "udp-time-client", "udp_time_client", "", "5s" },
        { "echo-client", "client_echo_ok", "", "2s" },
        { "echo-client", "client_echo_onerecv", "fail:fragmented-reply", "2s" },
        { "echo-client", "client_echo_eofquit", "warn:no-reply fail:echo-eof", "2s" },
        { "echo-client", "client_echo_exit0", "fail:refused warn:closed-early warn:no-reply", "2s" },
        { "echo-client", "client_echo_eofignore", "fail:basic fail:fragmented-reply fail:long-reply fail:echo-eof", "2s" },
        { "echo-client", "echo_client", "fail:fragmented-reply fail:long-reply warn:closed-early warn:no-reply", "2s" },
        { "udp-echo-client", "client_udp_echo_ok", "", "2s" },
        { "udp-echo-client", "client_udp_echo_cut", "fail:long-reply", "2s" },
        { "udp-echo-client", "udp_echo_client", "fail:long-reply", "5s" },
    };

    [Theory]
    [MemberData(nameof(Clients))]
    public Task Should_give_each_check_its_verdict_in_Korean_and_json_When_a_client_is_checked(string kind, string program, string expected, string timeout) =>
        VerdictMatrix.AssertAsync(kind, ["--timeout", timeout], () => [programs.PathOf(program), "{host}", "{port}"], expected);
}
