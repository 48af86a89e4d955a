using NetProg.Services.Check;

namespace NetProg.Integration.Tests.Check;

/// <summary>netprog's own UDP servers, already running, pass every UDP check: the checker finds no false bug in them.</summary>
public sealed class UdpNetProgServerCheckTests
{
    [Fact]
    public async Task Should_pass_every_udp_check_When_netprog_s_own_udp_echo_server_is_checked()
    {
        // Given netprog's echo-server --udp, running on an ephemeral port
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0");

        // When its UDP checks run against it
        CheckReport report = await CheckAsync(CheckKind.UdpEchoServer, server.Port);

        // Then every one passes
        UdpVerdicts.AssertEcho(report, CheckVerdict.Pass, CheckVerdict.Pass, CheckVerdict.Pass, CheckVerdict.Pass, CheckVerdict.Pass, CheckVerdict.Pass);
    }

    [Fact]
    public async Task Should_pass_every_udp_check_When_netprog_s_own_udp_time_server_is_checked()
    {
        // Given netprog's time-server --udp, running on an ephemeral port
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--udp", "--port", "0");

        // When its UDP checks run against it
        CheckReport report = await CheckAsync(CheckKind.UdpTimeServer, server.Port);

        // Then every one passes, the empty datagram answered with the time
        UdpVerdicts.AssertTime(report, CheckVerdict.Pass, CheckVerdict.Pass, CheckVerdict.Pass);
        Assert.Contains("the time came back", UdpVerdicts.Of(report, CheckIds.UdpEmpty).Observed, StringComparison.Ordinal);
    }

    private static Task<CheckReport> CheckAsync(CheckKind kind, int port) =>
        ServerChecker.RunAsync(new ServerCheckRequest(kind, "127.0.0.1", port) { Options = UdpVerdicts.Options(kind) }, CancellationToken.None);
}
