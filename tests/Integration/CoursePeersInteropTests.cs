using static NetProg.Integration.Tests.Harness.PeerOutput;

namespace NetProg.Integration.Tests;

/// <summary>
/// netprog against the course's own C programs (course-c/, as a student writes them from the week-4 lecture), in
/// all four directions: C client → netprog server and netprog client → C server, TCP and UDP, time and echo.
/// The wire facts they rely on: time_server sends ctime() with its terminating NUL in one send() and closes; time_client
/// makes one recv() into a 128-byte buffer; the echo programs use 128-byte buffers (course-c/*.c).
/// </summary>
public sealed class CoursePeersInteropTests(CourseC course) : IClassFixture<CourseC>
{
    [Fact]
    public async Task Should_give_the_course_time_client_the_current_ctime_text_When_netprog_time_server_answers()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--port", "0");
        using ChildProcess client = course.Start("time_client", "127.0.0.1", Text(server.Port));

        await OutputAssert.ExitsWithAsync(client, 0);
        CourseClientPrintedNow(client);
        OutputAssert.NoStackTrace(server.Process);
    }

    [Fact]
    public async Task Should_print_the_ctime_text_without_its_NUL_When_netprog_time_client_asks_the_course_time_server()
    {
        (ChildProcess server, int port) = await course.StartServerAsync("time_server");
        using (server)
        {
            using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(port));

            await OutputAssert.ExitsWithAsync(client, 0);
            NetProgClientPrintedCtime(client, $"127.0.0.1:{port}", "tcp");
        }
    }

    [Fact]
    public async Task Should_answer_the_course_udp_time_client_When_netprog_time_server_runs_with_udp()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--udp", "--port", "0");
        Assert.All(server.Sockets, socket => Assert.Equal("udp", socket.Protocol));
        using ChildProcess client = course.Start("udp_time_client", "127.0.0.1", Text(server.Port));

        await OutputAssert.ExitsWithAsync(client, 0);
        CourseClientPrintedNow(client);
    }

    [Fact]
    public async Task Should_print_the_ctime_text_without_its_NUL_When_netprog_time_client_asks_the_course_udp_time_server()
    {
        (ChildProcess server, int port) = await course.StartServerAsync("udp_time_server");
        using (server)
        {
            using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(port), "--udp");

            await OutputAssert.ExitsWithAsync(client, 0);
            NetProgClientPrintedCtime(client, $"127.0.0.1:{port}", "udp");
        }
    }

    [Fact]
    public async Task Should_echo_each_line_the_course_echo_client_sends_When_netprog_echo_server_answers()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--port", "0");
        using ChildProcess client = course.Start("echo_client", "127.0.0.1", Text(server.Port));

        // Typed one line at a time, the way a student tries it: each reply must come before the next line.
        foreach (string line in new[] { "hello, netprog", "안녕하세요 30000", "x" })
        {
            await client.WriteStdinAsync(line + "\n");
            await client.WaitForStdoutLineAsync(new Regex("Echo : " + Regex.Escape(line) + "$"), Waits.Line);
        }

        await client.WriteStdinAsync("quit\n");
        await OutputAssert.ExitsWithAsync(client, 0);
        OutputAssert.NoStackTrace(server.Process);
    }

    [Fact]
    public async Task Should_serve_a_second_course_echo_client_while_the_first_one_stays_connected()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--port", "0");
        using ChildProcess first = course.Start("echo_client", "127.0.0.1", Text(server.Port));
        await first.WriteStdinAsync("first\n");
        await first.WaitForStdoutLineAsync(CourseEchoLine("first"), Waits.Line);

        // The course's echo_server is iterative and would make this client wait; netprog's is not.
        using ChildProcess second = course.Start("echo_client", "127.0.0.1", Text(server.Port));
        await second.WriteStdinAsync("second\n");
        await second.WaitForStdoutLineAsync(CourseEchoLine("second"), Waits.Line);

        await first.WriteStdinAsync("first again\n");
        await first.WaitForStdoutLineAsync(CourseEchoLine("first again"), Waits.Line);
        second.CloseStdin();
        first.CloseStdin();
        await OutputAssert.ExitsWithAsync(second, 0);
        await OutputAssert.ExitsWithAsync(first, 0);
    }

    [Fact]
    public async Task Should_copy_a_binary_file_exactly_When_netprog_echo_client_streams_it_through_the_course_echo_server()
    {
        using var folder = new TempFolder();
        string input = folder.WriteRandom("input.bin", 64 * 1024);
        (ChildProcess server, int port) = await course.StartServerAsync("echo_server");
        using (server)
        {
            // netprog echo-client 127.0.0.1 PORT < input.bin: half-closes after the file, the C server's recv returns 0
            // and it closes, which ends the client with exit code 0.
            using ChildProcess client = NetProgApp.Start(["echo-client", "127.0.0.1", Text(port)], stdinFile: input);

            await OutputAssert.ExitsWithAsync(client, 0);
            OutputAssert.SameBytes(File.ReadAllBytes(input), client.StdoutBytes, client);
            OutputAssert.NoStackTrace(client);
        }
    }

    [Fact]
    public async Task Should_echo_each_line_the_course_udp_echo_client_sends_When_netprog_echo_server_runs_with_udp()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0");
        using ChildProcess client = course.Start("udp_echo_client", "127.0.0.1", Text(server.Port));

        foreach (string line in new[] { "hello, udp", "second datagram" })
        {
            await client.WriteStdinAsync(line + "\n");
            await client.WaitForStdoutLineAsync(CourseEchoLine(line), Waits.Line);
        }

        await client.WriteStdinAsync("quit\n");
        await OutputAssert.ExitsWithAsync(client, 0);
    }

    [Fact]
    public async Task Should_write_back_one_reply_per_line_When_netprog_echo_client_uses_udp_against_the_course_udp_echo_server()
    {
        using var folder = new TempFolder();
        // Each line is one datagram; all shorter than the C server's 128-byte buffer.
        string input = folder.WriteText("lines.txt", "alpha\nbeta gamma\n\ndelta 30000\n");
        (ChildProcess server, int port) = await course.StartServerAsync("udp_echo_server");
        using (server)
        {
            using ChildProcess client = NetProgApp.Start(["echo-client", "127.0.0.1", Text(port), "--udp"], stdinFile: input);

            await OutputAssert.ExitsWithAsync(client, 0);
            Assert.Equal(File.ReadAllText(input), Encoding.UTF8.GetString(client.StdoutBytes));
            OutputAssert.NoStackTrace(client);
        }
    }
}
