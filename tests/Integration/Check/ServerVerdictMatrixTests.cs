namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The verdict matrix of the TCP echo and time servers: the check-c programs (a correct one and one per classic bug),
/// the course's own, and netprog's own, each started by the checker on a free port, every check of the kind.
/// </summary>
public sealed class ServerVerdictMatrixTests(CheckC programs) : IClassFixture<CheckC>
{
    /// <summary>Program, expected non-PASS verdicts, options. Every finding here is a true one: see each program's comment.</summary>
    public static TheoryData<string, string, string> EchoServers => new()
    {
        { "tcp_echo_server_ok", "", "" },
        { "tcp_echo_cut128", "fail:long-message", "" },
        { "tcp_echo_nonblock", "fail:bulk", "" },
        { "tcp_echo_once", "fail:fragmented-input fail:long-message fail:stale-bytes fail:bulk", "" },
        { "tcp_echo_strlen", "fail:binary-data fail:stale-bytes fail:bulk", "" },

        // Iterative, and killed by SIGPIPE: once it is gone, the checks of its process have nothing to look at.
        { "tcp_echo_sigpipe", "fail:concurrent-clients fail:abrupt-close skip:port-byte-order skip:listen-address skip:closes-socket skip:fd-leak skip:busy-loop skip:restart fail:crash", "" },
        { "local_echo_ok", "", "" },

        // recv() == 0 not taken as the end: it never closes, so half-close fails too.
        { "local_echo_busyloop", "fail:half-close fail:closes-socket fail:fd-leak fail:busy-loop", "" },
        { "local_echo_closewait", "fail:half-close fail:closes-socket fail:fd-leak", "" },
        { "local_echo_fdleak", "fail:concurrent-clients fail:half-close fail:closes-socket fail:fd-leak", "" },
        { "local_echo_loopback", "fail:listen-address", "" },
        { "local_echo_nohtons", "fail:port-byte-order", "" },
        { "local_echo_noreuse", "fail:restart", "" },
        { "local_echo_segv", "fail:concurrent-clients skip:fragmented-input skip:long-message skip:binary-data skip:stale-bytes skip:bulk skip:half-close skip:abrupt-close skip:port-byte-order skip:listen-address skip:closes-socket skip:fd-leak skip:busy-loop skip:restart fail:crash", "" },

        // The course's echo_server.c serves one client at a time: the finding students start from.
        { "echo_server", "fail:concurrent-clients", "" },
    };

    public static TheoryData<string, string, string> TimeServers => new()
    {
        { "time_server", "", "" },
        { "tcp_time_garbage", "fail:time-format skip:clock", "" },

        // Keeps every connection open: 2 s waits keep its slow checks well inside the target's 30 s.
        { "tcp_time_keepopen", "fail:closes-after-reply", "2s" },
        { "tcp_time_utc_offset", "fail:clock", "" },
    };

    [Theory]
    [MemberData(nameof(EchoServers))]
    public Task Should_give_each_check_its_verdict_in_Korean_and_json_When_an_echo_server_is_checked(string program, string expected, string timeout) =>
        CheckAsync("echo-server", program, expected, timeout);

    [Theory]
    [MemberData(nameof(TimeServers))]
    public Task Should_give_each_check_its_verdict_in_Korean_and_json_When_a_time_server_is_checked(string program, string expected, string timeout) =>
        CheckAsync("time-server", program, expected, timeout);

    [Theory]
    [InlineData("echo-server", "echo-server")]
    [InlineData("time-server", "time-server")]
    public Task Should_pass_every_check_When_netprog_s_own_server_is_checked(string kind, string command) =>
        VerdictMatrix.AssertAsync(kind, [], () => ["dotnet", NetProgApp.DllPath, command, "--port", VerdictMatrix.Port()], "");

    private Task CheckAsync(string kind, string program, string expected, string timeout) =>
        VerdictMatrix.AssertAsync(kind, timeout.Length > 0 ? ["--timeout", timeout] : [], () => [programs.PathOf(program), VerdictMatrix.Port(swapped: program == "local_echo_nohtons")], expected);
}
