namespace NetProg.Integration.Tests;

/// <summary><c>netprog forward</c> as a user runs it (docs/FORWARD.md): the lines it prints, byte-exact relaying, a 10,001-port range, usage errors, SIGTERM.</summary>
public sealed partial class ForwardCliTests
{
    public static TheoryData<string[], string> BadUsage => new()
    {
        { ["forward", "--listen", "30000-40000", "--to", "10.0.0.5:30000"], "--listen has 10,001 ports but --to names one" },
        { ["forward", "--listen", "30000-30010", "--to", "10.0.0.5:30000-30005"], "the two ranges must be the same length" },
        { ["forward", "--listen", "40000-30000", "--to", "10.0.0.5"], "write 30000-40000" },
        { ["forward", "--listen", "30000", "--to", "10.0.0.5", "--allow", "192.168.1.5/24"], "write 192.168.1.0/24" },
        { ["forward", "--listen", "0", "--to", "10.0.0.5"], "--to must name the target port" },
        { ["forward", "--to", "10.0.0.5"], "--listen" },
    };

    [Theory]
    [MemberData(nameof(BadUsage))]
    public async Task Should_exit_2_with_one_line_saying_what_is_wrong_When_the_rule_is_malformed(string[] arguments, string expected)
    {
        using ChildProcess forward = NetProgApp.Start(arguments);

        await OutputAssert.ExitsWithAsync(forward, 2);
        Assert.Contains(expected, OutputAssert.SingleErrorLine(forward), StringComparison.Ordinal);
        OutputAssert.NoStackTrace(forward);
    }

    [Fact]
    public async Task Should_refuse_up_front_to_forward_a_port_to_itself()
    {
        int port = FreePort.Tcp(IPAddress.Loopback);
        using ChildProcess forward = NetProgApp.Start("forward", "--listen", $"127.0.0.1:{port}", "--to", $"127.0.0.1:{port}");

        await OutputAssert.ExitsWithAsync(forward, 1);
        Assert.Contains("forwarded to itself", OutputAssert.SingleErrorLine(forward), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0:0", null, true)]
    [InlineData("127.0.0.1:0", null, false)]
    [InlineData("0.0.0.0:0", "127.0.0.0/8", false)]
    public async Task Should_warn_once_when_it_forwards_for_anyone_beyond_this_machine(string listen, string? allow, bool warns)
    {
        // Given a forwarder on every address or on loopback, with or without --allow
        string[] arguments = allow is null
            ? ["forward", "--listen", listen, "--to", "127.0.0.1:9"]
            : ["forward", "--listen", listen, "--to", "127.0.0.1:9", "--allow", allow];
        using ChildProcess forward = NetProgApp.Start(arguments);
        await forward.WaitForStdoutLineAsync(new Regex("^forwarding "), NetProgApp.StartTimeout);

        // When it has started (the warning, if any, follows the lines that say what it forwards), and is stopped
        await forward.SendSignalAsync(UnixSignal.Term);
        await OutputAssert.ExitsWithAsync(forward, 0);

        // Then the open relay, and only it, is warned about, with what to do
        Assert.Equal(warns ? 1 : 0, forward.StderrLines.Count(l => l.Contains("forwarding for anyone", StringComparison.Ordinal)));
        if (warns)
        {
            Assert.Contains(forward.StderrLines, l => l.Contains("Add --allow CIDR", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Should_copy_a_file_through_echo_over_TCP_and_UDP_log_each_client_and_exit_0_on_SIGTERM()
    {
        using var folder = new TempFolder();
        string input = folder.WriteRandom("input.bin", 256 * 1024);
        string lines = folder.WriteText("lines.txt", "first datagram\nsecond datagram\n");

        // Given an echo server, and a forwarder to it on a free port, TCP and UDP
        using NetProgServer echo = await NetProgApp.StartServerAsync("echo-server", "--both", "--bind", "127.0.0.1", "--port", "0");
        using ChildProcess forwarder = NetProgApp.Start("forward", "--listen", "127.0.0.1:0", "--to", $"127.0.0.1:{Text(echo.Port)}", "--both");
        IReadOnlyList<Match> listening = await forwarder.WaitForStdoutLinesAsync(NetProgApp.ListeningLine(), 2, NetProgApp.StartTimeout);
        await forwarder.WaitForStdoutLineAsync(ForwardingLine(), Waits.Line);
        var forward = (Process: forwarder, Port: int.Parse(listening[0].Groups["port"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(["tcp", "udp"], listening.Select(m => m.Groups["protocol"].Value));
        Assert.All(listening, m => Assert.Equal(Text(forward.Port), m.Groups["port"].Value));

        // When echo-client streams a binary file through it over TCP, and lines over UDP
        using (ChildProcess tcp = NetProgApp.Start(["echo-client", "127.0.0.1", Text(forward.Port)], stdinFile: input))
        {
            await OutputAssert.ExitsWithAsync(tcp, 0);
            OutputAssert.SameBytes(File.ReadAllBytes(input), tcp.StdoutBytes, tcp);
        }

        using (ChildProcess udp = NetProgApp.Start(["echo-client", "127.0.0.1", Text(forward.Port), "--udp"], stdinFile: lines))
        {
            await OutputAssert.ExitsWithAsync(udp, 0);
            Assert.Equal("first datagram\nsecond datagram\n", udp.StdoutText);
        }

        // Then the TCP client's line says client -> forwarder -> target and the bytes; and SIGTERM ends it with exit 0,
        // closing the UDP session with its own line
        await forward.Process.WaitForStderrLineAsync(
            new Regex($@"forward/tcp 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:{forward.Port} -> 127\.0\.0\.1:{echo.Port}: 262144 B to target, 262144 B to client, [\d.]+ ms, closed by both sides$"),
            Waits.Line);
        await forward.Process.SendSignalAsync(UnixSignal.Term);
        await OutputAssert.ExitsWithAsync(forward.Process, 0);
        Assert.Contains(forward.Process.StderrLines, l => l.Contains("forward/udp", StringComparison.Ordinal) && l.Contains("2 datagrams to target", StringComparison.Ordinal));
        OutputAssert.NoStackTrace(forward.Process);
    }

    [Fact]
    public async Task Should_listen_on_all_10001_ports_of_the_lecture_s_range_and_forward_each_to_its_own_port()
    {
        // Given the lecture's rule, 10,001 ports, on 127.0.0.1 to the same ports on 127.0.0.2 (ranges below the ephemeral
        // ports, where the other tests' servers are not; another base is tried if one is taken)
        ChildProcess? forward = null;
        int first = 0;
        foreach (int candidate in new[] { 2000, 12001, 22002 })
        {
            forward = NetProgApp.Start("forward", "--listen", $"127.0.0.1:{Text(candidate)}-{Text(candidate + 10000)}", "--to", "127.0.0.2", "--quiet");
            Task<Match> listening = forward.WaitForStdoutLineAsync(RangeLine(), NetProgApp.StartTimeout);
            Task<int> exited = forward.WaitForExitAsync(NetProgApp.StartTimeout);
            if (await Task.WhenAny(listening, exited) == listening && listening.IsCompletedSuccessfully)
            {
                first = candidate;
                break;
            }

            Assert.Contains("already in use", forward.StderrText, StringComparison.Ordinal);
            forward.Dispose();
            forward = null;
        }

        Assert.NotNull(forward);
        using (forward)
        {
            // Then it says so in one line, not 10,001
            Assert.Equal($"listening on 127.0.0.1:{first}-{first + 10000}/tcp (10,001 ports)", forward.StdoutLines[0]);

            // and a port in the middle reaches an echo server on the same port of 127.0.0.2, byte for byte
            int middle = first + 5000;
            using NetProgServer echo = await NetProgApp.StartServerAsync("echo-server", "--bind", "127.0.0.2", "--port", Text(middle));
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, middle).WaitAsync(Waits.Line);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync("through port 5000 of 10,001\n"u8.ToArray()).AsTask().WaitAsync(Waits.Line);
            client.Client.Shutdown(SocketShutdown.Send);
            using var reader = new StreamReader(stream);
            Assert.Equal("through port 5000 of 10,001\n", await reader.ReadToEndAsync().WaitAsync(Waits.Line));

            // and the first and last ports accept too: the forwarder then resets them, as nothing listens behind them, but
            // does not refuse them (a port it did not bind would)
            foreach (int port in new[] { first, first + 10000 })
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await probe.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Waits.Line);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                }
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^forwarding \d+ to 127\.0\.0\.1:\d+ over tcp and udp; clients allowed: everyone$")]
    private static partial Regex ForwardingLine();

    [GeneratedRegex(@"^listening on 127\.0\.0\.1:\d+-\d+/tcp \(10,001 ports\)$")]
    private static partial Regex RangeLine();
}
