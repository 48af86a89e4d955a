using static NetProg.Integration.Tests.Harness.PeerOutput;

namespace NetProg.Windows.Tests;

/// <summary>
/// The lecture's echo matrix across the two OSes: the Windows build (under Wine) as echo server for the Linux netprog and
/// the course's C clients, and as echo client of the Linux netprog and C servers, TCP and UDP; and the Windows UDP server
/// living through an ICMP port unreachable, which Windows reports to the next recvfrom as WSAECONNRESET unless the socket
/// was told otherwise (SIO_UDP_CONNRESET, "Winsock IOCTLs" in the Windows docs).
/// </summary>
[Collection(WindowsCollection.Name)]
public sealed class EchoMatrixTests(WindowsBuild windows, CourseC course, ITestOutputHelper output)
{
    private const string Lines = "alpha\nbeta gamma\n\ndelta 30000\n";

    [Fact]
    public async Task Should_echo_Linux_netprog_and_the_course_clients_over_tcp_and_udp_When_the_Windows_echo_server_answers()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using var folder = new TempFolder();
        string binary = folder.WriteRandom("input.bin", 64 * 1024);
        string lines = folder.WriteText("lines.txt", Lines);
        using NetProgServer server = await windows.StartServerAsync("echo-server", "--both", "--port", "0", "--bind", "127.0.0.1");
        Assert.Equal(["tcp", "udp"], server.Sockets.Select(s => s.Protocol).Order());

        // A binary file through the Windows server comes back byte for byte (no text-mode newline translation).
        using (ChildProcess tcp = NetProgApp.Start(["echo-client", "127.0.0.1", Text(server.Port)], stdinFile: binary))
        {
            await OutputAssert.ExitsWithAsync(tcp, 0);
            OutputAssert.SameBytes(File.ReadAllBytes(binary), tcp.StdoutBytes, tcp);
        }

        using (ChildProcess udp = NetProgApp.Start(["echo-client", "127.0.0.1", Text(server.Port), "--udp"], stdinFile: lines))
        {
            await OutputAssert.ExitsWithAsync(udp, 0);
            Assert.Equal(Lines, Encoding.UTF8.GetString(udp.StdoutBytes));
        }

        foreach (string program in new[] { "echo_client", "udp_echo_client" })
        {
            await CourseClientEchoesAsync(program, server.Port);
        }

        Assert.False(server.Process.HasExited, server.Process.Describe());
        OutputAssert.NoStackTrace(server.Process);
    }

    [Fact]
    public async Task Should_get_back_what_it_sent_When_the_Windows_echo_client_talks_to_Linux_netprog_and_the_course_servers()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using var folder = new TempFolder();
        string binary = folder.WriteRandom("input.bin", 64 * 1024);
        string lines = folder.WriteText("lines.txt", Lines);
        using (NetProgServer linux = await NetProgApp.StartServerAsync("echo-server", "--both", "--port", "0", "--bind", "127.0.0.1"))
        {
            await ClientEchoesFileAsync(linux.Port, binary, udp: false);
            await ClientEchoesFileAsync(linux.Port, lines, udp: true);
        }

        (ChildProcess tcpServer, int tcpPort) = await course.StartServerAsync("echo_server");
        using (tcpServer)
        {
            await ClientEchoesFileAsync(tcpPort, binary, udp: false);
        }

        (ChildProcess udpServer, int udpPort) = await course.StartServerAsync("udp_echo_server");
        using (udpServer)
        {
            await ClientEchoesFileAsync(udpPort, lines, udp: true);
        }
    }

    [Fact]
    public async Task Should_echo_each_typed_line_before_the_next_When_the_Windows_echo_client_reads_a_pipe_line_by_line()
    {
        if (windows.Skip(output))
        {
            return;
        }

        // As a student types: one line, wait for its echo, the next; stdin is a pipe the client reads as it comes.
        using NetProgServer linux = await NetProgApp.StartServerAsync("echo-server", "--port", "0", "--bind", "127.0.0.1");
        using ChildProcess client = windows.Start("echo-client", "127.0.0.1", Text(linux.Port));
        foreach (string line in new[] { "hello from windows", "안녕하세요 30000" })
        {
            await client.WriteStdinAsync(line + "\n");
            await client.WaitForStdoutLineAsync(new Regex("^" + Regex.Escape(line) + "$"), Waits.Line);
        }

        client.CloseStdin();
        await OutputAssert.ExitsWithAsync(client, 0);
        OutputAssert.NoStackTrace(client);
    }

    [Fact]
    public async Task Should_echo_over_IPv6_loopback_both_ways_When_the_Windows_and_Linux_builds_bind_to_the_IPv6_loopback()
    {
        if (windows.Skip(output))
        {
            return;
        }

        // Given a Windows echo server on [::1], TCP and UDP, its port read from its listening on [::1]:P/tcp line
        using var folder = new TempFolder();
        string binary = folder.WriteRandom("input.bin", 64 * 1024);
        string lines = folder.WriteText("lines.txt", Lines);
        using (NetProgServer server = await windows.StartServerAsync("echo-server", "--both", "--port", "0", "--bind", "::1"))
        {
            Assert.Equal(["[::1]"], server.Sockets.Select(s => s.Address).Distinct());
            Assert.Equal(["tcp", "udp"], server.Sockets.Select(s => s.Protocol).Order());

            // When the Linux netprog sends it a file over TCP and lines over UDP, Then it gets back what it sent
            using (ChildProcess tcp = NetProgApp.Start(["echo-client", "::1", Text(server.Port)], stdinFile: binary))
            {
                await OutputAssert.ExitsWithAsync(tcp, 0);
                OutputAssert.SameBytes(File.ReadAllBytes(binary), tcp.StdoutBytes, tcp);
            }

            using (ChildProcess udp = NetProgApp.Start(["echo-client", "::1", Text(server.Port), "--udp"], stdinFile: lines))
            {
                await OutputAssert.ExitsWithAsync(udp, 0);
                Assert.Equal(Lines, Encoding.UTF8.GetString(udp.StdoutBytes));
            }

            Assert.False(server.Process.HasExited, server.Process.Describe());
            OutputAssert.NoStackTrace(server.Process);
        }

        // And the Windows echo client gets back what it sent from a Linux echo server on [::1]
        using NetProgServer linux = await NetProgApp.StartServerAsync("echo-server", "--both", "--port", "0", "--bind", "::1");
        await ClientEchoesFileAsync("::1", linux.Port, binary, udp: false);
        await ClientEchoesFileAsync("::1", linux.Port, lines, udp: true);
        OutputAssert.NoStackTrace(linux.Process);
    }

    [Fact]
    public async Task Should_keep_answering_When_a_client_of_the_Windows_udp_echo_server_closed_its_socket_before_the_reply()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using NetProgServer server = await windows.StartServerAsync("echo-server", "--udp", "--port", "0", "--bind", "127.0.0.1");
        var target = new IPEndPoint(IPAddress.Loopback, server.Port);

        // Each reply goes to a port nobody listens on any more: Linux answers it with ICMP port unreachable.
        for (int i = 0; i < 3; i++)
        {
            using var gone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            gone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            await gone.SendToAsync(Encoding.ASCII.GetBytes($"gone {i}\n"), target);
        }

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        byte[] probe = Encoding.ASCII.GetBytes("still there?\n");
        byte[] buffer = new byte[1024];
        using var deadline = new CancellationTokenSource(Waits.Line);

        // The three datagrams above may still be in flight when this one is sent; the first reply to it is the answer.
        await client.SendToAsync(probe, target, deadline.Token);
        SocketReceiveFromResult reply = await client.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), deadline.Token);

        Assert.Equal("still there?\n", Encoding.ASCII.GetString(buffer, 0, reply.ReceivedBytes));
        Assert.False(server.Process.HasExited, server.Process.Describe());
        OutputAssert.NoStackTrace(server.Process);
    }

    /// <summary>
    /// The course's C client <paramref name="program"/> echoes two lines through the server and quits. A method of its own:
    /// CA2000 reports a <c>using</c> declaration in a loop body that passes the object on as undisposed
    /// (dotnet/roslyn-analyzers#7510).
    /// </summary>
    private async Task CourseClientEchoesAsync(string program, int port)
    {
        using ChildProcess client = course.Start(program, "127.0.0.1", Text(port));
        foreach (string line in new[] { "hello, windows", "안녕하세요 30000" })
        {
            await client.WriteStdinAsync(line + "\n");
            await client.WaitForStdoutLineAsync(CourseEchoLine(line), Waits.Line);
        }

        await client.WriteStdinAsync("quit\n");
        await OutputAssert.ExitsWithAsync(client, 0);
    }

    private Task ClientEchoesFileAsync(int port, string input, bool udp) => ClientEchoesFileAsync("127.0.0.1", port, input, udp);

    private async Task ClientEchoesFileAsync(string host, int port, string input, bool udp)
    {
        List<string> arguments = ["echo-client", host, Text(port)];
        if (udp)
        {
            arguments.Add("--udp");
        }

        using ChildProcess client = windows.Start(arguments, stdinFile: input);
        await OutputAssert.ExitsWithAsync(client, 0);
        OutputAssert.SameBytes(File.ReadAllBytes(input), client.StdoutBytes, client);
        OutputAssert.NoStackTrace(client);
    }
}
