namespace NetProg.Integration.Tests.Check;

/// <summary>The verdict matrix of the UDP echo and time servers and of the login servers: check-c, course and netprog's own.</summary>
public sealed class UdpLoginVerdictMatrixTests(CheckC programs) : IClassFixture<CheckC>
{
    public static TheoryData<string, string, string> UdpEchoServers => new()
    {
        { "udp_echo_server_ok", "", "" },
        { "udp_echo_buf128", "fail:udp-truncation", "" },

        // Answers its first client only: every later client, the local checks' ones too, waits in vain. 2 s waits keep
        // every check inside the target's 30 s.
        { "udp_echo_firstclient", "fail:udp-truncation fail:udp-empty fail:binary-data fail:stale-bytes fail:udp-reply-source fail:udp-multi-client fail:busy-loop fail:restart", "2s" },
        { "udp_echo_ignore_empty", "warn:udp-empty", "" },
        { "udp_echo_othersocket", "fail:udp-reply-source", "" },
        { "udp_echo_quit_empty", "fail:udp-empty skip:binary-data skip:stale-bytes skip:udp-reply-source skip:udp-multi-client skip:port-byte-order skip:listen-address skip:busy-loop skip:restart fail:crash", "" },
        { "udp_echo_strlen", "fail:udp-truncation fail:udp-empty fail:binary-data fail:stale-bytes", "" },

        // The course's udp_echo_server.c reads into 128 bytes: a true finding.
        { "udp_echo_server", "fail:udp-truncation", "" },
    };

    public static TheoryData<string, string, string> UdpTimeServers => new()
    {
        { "udp_time_server", "", "" },

        // netprog's time client asks with an empty datagram (RFC 868), which this server ignores: no clock to compare.
        { "udp_time_ignore_empty", "skip:clock fail:udp-empty", "" },
    };

    public static TheoryData<string, string> LoginServers => new()
    {
        { "login_server_ok", "" },
        { "login_server_anypass", "fail:wrong-password skip:enumeration" },
        { "login_server_enum", "fail:enumeration" },
        { "login_server_iterative", "fail:concurrent-sessions" },
    };

    [Theory]
    [MemberData(nameof(UdpEchoServers))]
    public Task Should_give_each_check_its_verdict_in_Korean_and_json_When_a_udp_echo_server_is_checked(string program, string expected, string timeout) =>
        CheckAsync("udp-echo-server", program, expected, timeout);

    [Theory]
    [MemberData(nameof(UdpTimeServers))]
    public Task Should_give_each_check_its_verdict_in_Korean_and_json_When_a_udp_time_server_is_checked(string program, string expected, string timeout) =>
        CheckAsync("udp-time-server", program, expected, timeout);

    [Theory]
    [MemberData(nameof(LoginServers))]
    public async Task Should_give_each_check_its_verdict_in_Korean_and_json_When_a_login_server_is_checked(string program, string expected)
    {
        using var folder = new TempFolder();
        string password = Path.Combine(folder.Path, "password");
        await File.WriteAllTextAsync(password, "secret\n");
        await VerdictMatrix.AssertAsync(
            "login-server",
            ["--script", LoginCheckTests.Script, "--user", "alice", "--password-stdin"],
            () => [programs.PathOf(program), VerdictMatrix.Port()],
            expected,
            password);
    }

    [Theory]
    [InlineData("udp-echo-server", "echo-server")]
    [InlineData("udp-time-server", "time-server")]
    public Task Should_pass_every_check_When_netprog_s_own_udp_server_is_checked(string kind, string command) =>
        VerdictMatrix.AssertAsync(kind, [], () => ["dotnet", NetProgApp.DllPath, command, "--udp", "--port", VerdictMatrix.Port()], "");

    private Task CheckAsync(string kind, string program, string expected, string timeout) =>
        VerdictMatrix.AssertAsync(kind, timeout.Length > 0 ? ["--timeout", timeout] : [], () => [programs.PathOf(program), VerdictMatrix.Port()], expected);
}
