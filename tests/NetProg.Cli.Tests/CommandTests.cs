namespace NetProg.Cli.Tests;

/// <summary>The commands end to end, in-process, over real sockets on loopback.</summary>
public sealed partial class CommandTests
{
    [Fact]
    public async Task Should_serve_the_time_to_the_time_client_and_stop_with_exit_0()
    {
        // Given
        await using var server = await Cli.StartAsync(2, "time-server", "--port", "0", "--bind", "127.0.0.1", "--both");

        // When
        var (tcpExit, tcp) = await Cli.RunAsync("time-client", "127.0.0.1", server.Ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (udpExit, udp) = await Cli.RunAsync("time-client", "127.0.0.1", server.Ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture), "--udp");

        // Then
        Assert.Equal(0, tcpExit);
        Assert.Matches(CtimeRegex(), tcp.OutWriter.Lines[0]);
        Assert.StartsWith($"from 127.0.0.1:{server.Ports[0]}/tcp: ctime text, 25 bytes", tcp.OutWriter.Lines[1]);
        Assert.StartsWith("server clock: same as this machine's", tcp.OutWriter.Lines[2]);
        Assert.Equal(0, udpExit);
        Assert.Matches(CtimeRegex(), udp.OutWriter.Lines[0]);
        Assert.Equal(server.Ports[0], server.Ports[1]);
        Assert.Equal(0, await server.StopAsync());
        Assert.Contains("time/tcp 127.0.0.1:", server.Console.ErrorWriter.Text);
        Assert.Contains("0 B in, 25 B out", server.Console.ErrorWriter.Text);
    }

    [Fact]
    public async Task Should_not_log_clients_when_quiet()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1", "--quiet");

        var (exit, _) = await Cli.RunAsync("time-client", "127.0.0.1", server.Ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "300ms");
        Assert.Equal(0, await server.StopAsync());

        Assert.Equal(1, exit); // an echo server sends nothing first: the time client times out
        Assert.Empty(server.Console.ErrorWriter.Text);
    }

    [Fact]
    public async Task Should_say_refused_when_nothing_listens()
    {
        var port = FreePort.Tcp();

        var (exit, console) = await Cli.RunAsync("time-client", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains($"connection refused by 127.0.0.1:{port}/tcp", line);
    }

    [Fact]
    public async Task Should_say_unknown_host()
    {
        var (exit, console) = await Cli.RunAsync("echo-client", "nonexistent.invalid", "30000");

        Assert.Equal(1, exit);
        Assert.StartsWith("netprog: unknown host 'nonexistent.invalid'", Assert.Single(console.ErrorWriter.Lines));
    }

    [Fact]
    public async Task Should_name_this_process_when_the_port_is_taken()
    {
        // Given a listener of this very process on 0.0.0.0
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Any, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        // When
        var (exit, console) = await Cli.RunAsync("time-server", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Then
        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains($"port {port}/tcp is already in use", line);
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains($"(pid {Environment.ProcessId})", line);
        }
    }

    [Fact]
    public async Task Should_copy_redirected_stdin_through_the_echo_server_byte_for_byte()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1");
        var input = string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i} é\n"));
        var console = new TestConsole(input);

        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", server.Ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture)], console, CancellationToken.None).WaitAsync(Cli.Timeout);

        Assert.Equal(0, exit);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(input), console.StandardOutputBytes);
    }

    [Fact]
    public async Task Should_prompt_and_echo_lines_at_a_terminal_until_quit()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1");
        var console = new TestConsole("hello\nsecond line\nquit\nnever sent\n", inputRedirected: false);

        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", server.Ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture)], console, CancellationToken.None).WaitAsync(Cli.Timeout);

        Assert.Equal(0, exit);
        var lines = console.OutWriter.Lines;
        Assert.StartsWith($"connected to 127.0.0.1:{server.Ports[0]}/tcp", lines[0]);
        Assert.Equal("> hello", lines[1]);
        Assert.Equal("> second line", lines[2]);
        Assert.DoesNotContain(lines, l => l.Contains("never sent"));
    }

    [Fact]
    public async Task Should_run_the_lab_and_print_a_final_table_when_output_is_redirected()
    {
        // Given the lab on free ports, loopback only
        var db = Path.Combine(Directory.CreateTempSubdirectory("netprog-lab-").FullName, "accounts.db");
        await using var lab = await Cli.StartAsync(5, "lab", "--port", "0", "--bind", "127.0.0.1", "--db", db);
        var timePort = lab.Ports[0];
        var echoPort = lab.Ports[2];
        var loginPort = lab.Ports[4];
        Assert.Equal(3, new[] { timePort, echoPort, loginPort }.Distinct().Count());

        // When a client uses each service
        var (timeExit, _) = await Cli.RunAsync("time-client", "127.0.0.1", timePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--udp");
        var echo = new TestConsole("ping\n");
        var echoExit = await CliApp.RunAsync(["echo-client", "127.0.0.1", echoPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], echo, CancellationToken.None).WaitAsync(Cli.Timeout);

        // Then
        Assert.Equal(0, timeExit);
        Assert.Equal(0, echoExit);
        Assert.Equal(0, await lab.StopAsync());
        var output = lab.Console.OutWriter.Text;
        Assert.Contains($"netprog time-client 127.0.0.1 {timePort}", output);
        Assert.Contains($"netprog echo-client 127.0.0.1 {echoPort}", output);
        Assert.Contains($"netprog echo-client 127.0.0.1 {loginPort} --user alice", output);
        Assert.Contains($"netprog users add alice --db {db}", output);
        Assert.True(File.Exists(db));
        Assert.Contains("Bound to loopback only", output);
        Assert.Contains("clients served", output);
        Assert.Matches(@"time\s*│\s*" + timePort + @"\s*│\s*0\s*│\s*0\s*│\s*1\s*│", output);
        Assert.Matches(@"echo\s*│\s*" + echoPort + @"\s*│\s*1\s*│\s*0\s*│\s*0\s*│", output);
    }

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 1-3]\d \d\d:\d\d:\d\d \d{4}$")]
    private static partial Regex CtimeRegex();
}
