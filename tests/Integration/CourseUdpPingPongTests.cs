namespace NetProg.Integration.Tests;

/// <summary>
/// The course's UDP echo client (course-c/udp_echo_client.c: one datagram out, wait for its echo, the next) sending 1,000 lines
/// as fast as it can, against netprog's servers with their default options. Every course client works this way, one datagram
/// outstanding; the per-source rate limit once answered the first 100 and then nothing, and the C client died with
/// "recvfrom: Resource temporarily unavailable" after its 5-second SO_RCVTIMEO. Loopback and forwarders are near sources now:
/// never limited (docs/RELIABILITY.md).
/// </summary>
public sealed partial class CourseUdpPingPongTests(CourseC course) : IClassFixture<CourseC>
{
    private const int Lines = 1000;

    [Fact]
    public async Task Should_echo_all_1000_datagrams_of_the_course_udp_client_When_echo_server_runs_with_default_options()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0", "--bind", "127.0.0.1");

        await AssertAllEchoedAsync(server.Port);
    }

    [Fact]
    public async Task Should_echo_all_1000_datagrams_of_the_course_udp_client_When_it_goes_through_forward_udp()
    {
        using NetProgServer echo = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0", "--bind", "127.0.0.1");
        using ChildProcess forwarder = NetProgApp.Start("forward", "--listen", "127.0.0.1:0", "--to", $"127.0.0.1:{Text(echo.Port)}", "--udp");
        Match listening = await forwarder.WaitForStdoutLineAsync(NetProgApp.ListeningLine(), NetProgApp.StartTimeout);

        await AssertAllEchoedAsync(int.Parse(listening.Groups["port"].Value, CultureInfo.InvariantCulture));

        // The session was logged when it opened, not only when it expires two minutes later
        await forwarder.WaitForStderrLineAsync(SessionOpenedLine(), Waits.Line);
    }

    [Fact]
    public async Task Should_echo_all_1000_datagrams_of_the_course_udp_client_When_lab_serves_the_udp_echo()
    {
        using var folder = new TempFolder();
        using ChildProcess lab = NetProgApp.Start("lab", "--port", "0", "--bind", "127.0.0.1", "--db", Path.Combine(folder.Path, "lab.db"));
        // time tcp+udp, echo tcp+udp, login tcp, announced in that order: the second UDP line is the echo's.
        IReadOnlyList<Match> listening = await lab.WaitForStdoutLinesAsync(NetProgApp.ListeningLine(), 5, NetProgApp.StartTimeout);
        Match[] udp = [.. listening.Where(m => m.Groups["protocol"].Value == "udp")];
        Assert.Equal(2, udp.Length);

        await AssertAllEchoedAsync(int.Parse(udp[1].Groups["port"].Value, CultureInfo.InvariantCulture));
    }

    private async Task AssertAllEchoedAsync(int port)
    {
        using ChildProcess client = course.Start("udp_echo_client", "127.0.0.1", Text(port));
        var input = new StringBuilder();
        for (var i = 1; i <= Lines; i++)
        {
            input.Append(CultureInfo.InvariantCulture, $"datagram {i}\n");
        }

        // All lines at once (12 KB, within a pipe's buffer); the client still sends one, waits for its echo, sends the next.
        await client.WriteStdinAsync(input.Append("quit\n").ToString());

        await OutputAssert.ExitsWithAsync(client, 0, TimeSpan.FromSeconds(60));
        MatchCollection echoes = EchoLine().Matches(client.StdoutText);
        Assert.Equal(Lines, echoes.Count);
        Assert.Equal(Enumerable.Range(1, Lines).Select(i => Text(i)), echoes.Select(m => m.Groups["n"].Value));
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Echo : datagram (?<n>\d+)\n")]
    private static partial Regex EchoLine();

    [GeneratedRegex(@"forward/udp 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+: session opened")]
    private static partial Regex SessionOpenedLine();
}
