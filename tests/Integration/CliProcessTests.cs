namespace NetProg.Integration.Tests;

/// <summary>
/// What a user sees from the real netprog process: exit codes (0, 1 for errors, 2 for bad usage), one plain error line
/// on stderr and never a stack trace, the <c>listening on</c> lines, and a clean exit on SIGINT/SIGTERM. These are the
/// failures the course's students meet most (README.md, "When it fails"): the server is not running, the port is taken.
/// </summary>
public sealed class CliProcessTests
{
    public static TheoryData<string, string> PortInUseCases => new()
    {
        { "time-server", "tcp" },
        { "echo-server", "tcp" },
        { "echo-server", "udp" },
    };

    public static TheoryData<string[]> BadUsage => new()
    {
        new[] { "time-client", "127.0.0.1", "99999" },
        new[] { "time-client", "127.0.0.1", "abc" },
        new[] { "echo-client", "127.0.0.1", "65536" },
        new[] { "time-server", "--port", "99999" },
        new[] { "echo-server", "--port", "abc" },
        new[] { "time-server", "--no-such-option" },
    };

    public static TheoryData<string[], UnixSignal> ServersAndSignals => new()
    {
        { new[] { "time-server" }, UnixSignal.Term },
        { new[] { "echo-server" }, UnixSignal.Term },
        { new[] { "echo-server", "--udp" }, UnixSignal.Term },
        { new[] { "time-server", "--both" }, UnixSignal.Term },
        { new[] { "echo-server", "--both" }, UnixSignal.Int },
    };

    [Theory]
    [MemberData(nameof(PortInUseCases))]
    public async Task Should_exit_1_with_one_line_naming_the_owning_process_When_the_port_is_already_in_use(string command, string protocol)
    {
        string[] udp = protocol == "udp" ? ["--udp"] : [];
        using NetProgServer first = await NetProgApp.StartServerAsync([command, "--port", "0", .. udp]);

        using ChildProcess second = NetProgApp.Start([command, "--port", Text(first.Port), .. udp]);

        // Whichever comes first: the exit we expect, or the second server announcing the port as its own.
        Task<int> exit = second.WaitForExitAsync(Waits.Exit);
        Task<IReadOnlyList<Match>> bound = second.WaitForStdoutLinesAsync(NetProgApp.ListeningLine(), first.Sockets.Count, Waits.Exit);
        if (await Task.WhenAny(exit, bound) == bound && bound.IsCompletedSuccessfully)
        {
            Assert.Fail($"a second server bound {protocol} port {first.Port} while pid {first.Process.Id} listens on it " +
                        $"(two listeners share the port, e.g. SO_REUSEPORT)\n{second.Describe()}");
        }

        await OutputAssert.ExitsWithAsync(second, 1);
        string error = OutputAssert.SingleErrorLine(second);
        Assert.Contains("in use", error, StringComparison.OrdinalIgnoreCase);
        if (OperatingSystem.IsLinux())
        {
            // The course's advice is `netstat -na | grep 30000`; netprog should say who holds the port.
            Assert.Matches(new Regex($@"\b{first.Process.Id}\b"), error);
        }

        OutputAssert.NoStackTrace(second);
        Assert.False(first.Process.HasExited, "the first server must keep running");
    }

    [Theory]
    [InlineData("time-client")]
    [InlineData("echo-client")]
    public async Task Should_exit_1_and_say_refused_When_nobody_listens_on_the_port(string command)
    {
        int closedPort = FreePort.Tcp();

        using ChildProcess client = NetProgApp.Start(command, "127.0.0.1", Text(closedPort));
        if (command == "echo-client")
        {
            client.CloseStdin();
        }

        await OutputAssert.ExitsWithAsync(client, 1);
        Assert.Contains("refused", OutputAssert.SingleErrorLine(client), StringComparison.OrdinalIgnoreCase);
        OutputAssert.NoStackTrace(client);
    }

    [Fact]
    public async Task Should_exit_1_and_say_unknown_host_When_the_name_does_not_resolve()
    {
        using var folder = new TempFolder();

        // RFC 6761 reserves .invalid; the lookup is kept off the network (see OfflineResolver).
        using ChildProcess client = OfflineResolver.Start(folder, "dotnet", [NetProgApp.DllPath, "time-client", "nonexistent.invalid"]);

        int code = await client.WaitForExitAsync(Waits.Exit);
        OfflineResolver.EnsureNamespaceWorked(client);
        Assert.True(code == 1, $"expected exit code 1, got {code}\n{client.Describe()}");
        Assert.Contains("unknown host", OutputAssert.SingleErrorLine(client), StringComparison.OrdinalIgnoreCase);
        OutputAssert.NoStackTrace(client);
    }

    [Theory]
    [MemberData(nameof(BadUsage))]
    public async Task Should_exit_2_with_one_error_line_When_the_command_line_is_invalid(string[] arguments)
    {
        using ChildProcess process = NetProgApp.Start(arguments);

        await OutputAssert.ExitsWithAsync(process, 2);
        OutputAssert.SingleErrorLine(process);
        OutputAssert.NoStackTrace(process);
    }

    [Theory]
    [InlineData("time-server")]
    [InlineData("echo-server")]
    public async Task Should_exit_2_pointing_at_the_port_option_When_a_server_is_given_the_port_as_an_argument(string command)
    {
        // The course's C servers take it as an argument: time_server 30000.
        using ChildProcess process = NetProgApp.Start(command, "30000");

        await OutputAssert.ExitsWithAsync(process, 2);
        Assert.Equal(
            $"netprog: '30000': the port is an option here, not an argument: use 'netprog {command} --port 30000'. See 'netprog {command} --help'.",
            OutputAssert.SingleErrorLine(process));
    }

    [Fact]
    public async Task Should_name_forward_s_listen_option_When_its_port_is_already_in_use()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--port", "0", "--bind", "127.0.0.1");

        using ChildProcess forward = NetProgApp.Start("forward", "--listen", $"127.0.0.1:{Text(server.Port)}", "--to", "127.0.0.1:9");

        await OutputAssert.ExitsWithAsync(forward, 1);
        string error = OutputAssert.SingleErrorLine(forward);
        Assert.Contains("already in use", error, StringComparison.Ordinal);
        Assert.EndsWith("choose another port with --listen.", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServersAndSignals))]
    public async Task Should_exit_0_When_a_server_gets_a_termination_signal(string[] arguments, UnixSignal signal)
    {
        using NetProgServer server = await NetProgApp.StartServerAsync([.. arguments, "--port", "0"]);

        await server.Process.SendSignalAsync(signal);

        await OutputAssert.ExitsWithAsync(server.Process, 0, TimeSpan.FromSeconds(10));
        OutputAssert.NoStackTrace(server.Process);
    }

    [Fact]
    public async Task Should_exit_0_on_SIGTERM_When_a_client_is_still_connected_to_echo_server()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--port", "0");
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
        await AssertEchoesAsync(client, "still here\n"u8.ToArray());

        await server.Process.SendSignalAsync(UnixSignal.Term);

        // A connected client must not keep the server from stopping.
        await OutputAssert.ExitsWithAsync(server.Process, 0, TimeSpan.FromSeconds(10));
        OutputAssert.NoStackTrace(server.Process);
    }

    [Fact]
    public async Task Should_print_the_real_port_for_every_socket_When_started_with_port_0()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--both", "--port", "0");

        Assert.Equal(Socket.OSSupportsIPv6 ? 4 : 2, server.Sockets.Count);
        Assert.All(server.Sockets, socket => Assert.NotEqual(0, socket.Port));
        Assert.Single(server.Sockets.Select(socket => socket.Port).Distinct());
        string[] expected = Socket.OSSupportsIPv6
            ? ["0.0.0.0/tcp", "0.0.0.0/udp", "[::]/tcp", "[::]/udp"]
            : ["0.0.0.0/tcp", "0.0.0.0/udp"];
        Assert.Equal(expected, server.Sockets.Select(socket => $"{socket.Address}/{socket.Protocol}").Order(StringComparer.Ordinal));

        // The printed port is the one that answers, on each family and protocol.
        IPAddress[] loopbacks = Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback];
        foreach (IPAddress loopback in loopbacks)
        {
            await AssertEchoesOnBothAsync(new IPEndPoint(loopback, server.Port));
        }
    }

    /// <summary>
    /// A TCP and a UDP echo at <paramref name="endPoint"/>. A method of its own: CA2000 reports a <c>using</c> declaration in a
    /// loop body that passes the object on as undisposed (dotnet/roslyn-analyzers#7510).
    /// </summary>
    private static async Task AssertEchoesOnBothAsync(IPEndPoint endPoint)
    {
        using var tcp = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await tcp.ConnectAsync(endPoint);
        await AssertEchoesAsync(tcp, "tcp\n"u8.ToArray());

        using var udp = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await AssertUdpEchoesAsync(udp, endPoint, "udp\n"u8.ToArray());
    }

    [Fact]
    public async Task Should_bind_only_the_given_address_When_started_with_bind()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--bind", "127.0.0.1", "--port", "0");

        ListeningSocket socket = Assert.Single(server.Sockets);
        Assert.Equal("127.0.0.1", socket.Address);
        Assert.Equal("tcp", socket.Protocol);
        Assert.NotEqual(0, socket.Port);
    }

    [Fact]
    public async Task Should_log_the_client_on_stderr_and_keep_stdout_for_the_listening_lines_When_a_client_connects()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--port", "0");
        using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(server.Port));
        await OutputAssert.ExitsWithAsync(client, 0);

        await server.Process.WaitForStderrLineAsync(new Regex(@"127\.0\.0\.1"), Waits.Line);
        Assert.All(server.Process.StdoutLines, line => Assert.Matches(NetProgApp.ListeningLine(), line));
        OutputAssert.NoStackTrace(server.Process);
    }

    [Fact]
    public async Task Should_decode_RFC_868_When_netprog_time_client_asks_netprog_time_server_in_rfc868_format()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--format", "rfc868", "--udp", "--port", "0");
        using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(server.Port), "--udp", "--timeout", "5s");

        await OutputAssert.ExitsWithAsync(client, 0);
        Assert.True(client.StdoutLines.Count > 0, client.Describe());
        TimeText.AssertIsNow(client.StdoutLines[0], client.DisplayName);
        OutputAssert.NoStackTrace(client);
    }

    [Fact]
    public async Task Should_exit_1_after_the_timeout_When_a_udp_time_server_never_answers()
    {
        // A bound UDP socket that never replies: the datagram is delivered and ignored.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)silent.LocalEndPoint!).Port;

        using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(port), "--udp", "--timeout", "1s");

        await OutputAssert.ExitsWithAsync(client, 1, TimeSpan.FromSeconds(20));
        OutputAssert.SingleErrorLine(client);
        OutputAssert.NoStackTrace(client);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task AssertEchoesAsync(Socket socket, byte[] payload)
    {
        using var timeout = new CancellationTokenSource(Waits.Line);
        await socket.SendAsync(payload, SocketFlags.None, timeout.Token);
        byte[] received = new byte[payload.Length];
        int total = 0;
        while (total < payload.Length)
        {
            int read = await socket.ReceiveAsync(received.AsMemory(total), SocketFlags.None, timeout.Token);
            Assert.True(read > 0, "the server closed before echoing");
            total += read;
        }

        Assert.Equal(payload, received);
    }

    private static async Task AssertUdpEchoesAsync(Socket socket, IPEndPoint server, byte[] payload)
    {
        using var timeout = new CancellationTokenSource(Waits.Line);
        await socket.SendToAsync(payload, server, timeout.Token);
        byte[] buffer = new byte[1024];
        SocketReceiveFromResult result = await socket.ReceiveFromAsync(buffer, new IPEndPoint(server.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0), timeout.Token);
        Assert.Equal(payload, buffer[..result.ReceivedBytes]);
    }
}
