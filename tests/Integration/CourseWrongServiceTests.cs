namespace NetProg.Integration.Tests;

/// <summary>
/// netprog's clients against the course's C servers of the other kind: they must say which kind of server answered, never
/// "no reply" when replies came, and exit 1.
/// </summary>
public sealed class CourseWrongServiceTests(CourseC course) : IClassFixture<CourseC>
{
    [Fact]
    public async Task Should_say_not_an_echo_When_the_udp_echo_client_reaches_the_course_udp_time_server()
    {
        using var folder = new TempFolder();
        string input = folder.WriteText("lines.txt", "hello\n");
        (ChildProcess server, int port) = await course.StartServerAsync("udp_time_server");
        using (server)
        {
            using ChildProcess client = NetProgApp.Start(["echo-client", "127.0.0.1", Text(port), "--udp"], stdinFile: input);

            await OutputAssert.ExitsWithAsync(client, 1);
            string error = string.Join("\n", client.StderrLines);
            Assert.Contains($"127.0.0.1:{port}/udp is not an echo server", error);
            Assert.Contains("it is a time server", error);
            Assert.DoesNotContain("no reply", error);
            OutputAssert.NoStackTrace(client);
        }
    }

    [Fact]
    public async Task Should_say_not_an_echo_When_the_tcp_echo_client_reaches_the_course_time_server()
    {
        using var folder = new TempFolder();
        string input = folder.WriteText("lines.txt", "hello\n");
        (ChildProcess server, int port) = await course.StartServerAsync("time_server");
        using (server)
        {
            using ChildProcess client = NetProgApp.Start(["echo-client", "127.0.0.1", Text(port)], stdinFile: input);

            await OutputAssert.ExitsWithAsync(client, 1);
            Assert.Contains($"127.0.0.1:{port}/tcp is not an echo server", string.Join("\n", client.StderrLines));
            Assert.Empty(client.StdoutBytes);
        }
    }

    [Fact]
    public async Task Should_say_it_looks_like_an_echo_server_When_the_udp_time_client_reaches_the_course_udp_echo_server()
    {
        (ChildProcess server, int port) = await course.StartServerAsync("udp_echo_server");
        using (server)
        {
            using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(port), "--udp");

            await OutputAssert.ExitsWithAsync(client, 1);
            string error = string.Join("\n", client.StderrLines);
            Assert.Contains("looks like an echo server, not a time server", error);
            Assert.DoesNotContain("connection", error);
        }
    }

    [Fact]
    public async Task Should_say_not_an_echo_When_bench_udp_echo_reaches_the_course_udp_time_server()
    {
        (ChildProcess server, int port) = await course.StartServerAsync("udp_time_server");
        using (server)
        {
            using ChildProcess client = NetProgApp.Start("bench", "udp-echo", "127.0.0.1", Text(port), "--duration", "2s", "--warmup", "0s");

            await OutputAssert.ExitsWithAsync(client, 1);
            Assert.Contains($"127.0.0.1:{port}/udp is not an echo server", string.Join("\n", client.StderrLines));
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
