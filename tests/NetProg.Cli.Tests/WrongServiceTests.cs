namespace NetProg.Cli.Tests;

/// <summary>
/// A client that reaches the wrong kind of server says so, with what the server answered, and exits 1: never "no reply" when
/// replies came, never a silent exit 0 with a time printed as if it were an echo.
/// </summary>
public sealed class WrongServiceTests
{
    [Fact]
    public async Task Should_say_not_an_echo_server_when_the_tcp_echo_client_reaches_a_time_server()
    {
        await using var server = await Cli.StartAsync(1, "time-server", "--port", "0", "--bind", "127.0.0.1");
        var console = new TestConsole("hello\n");

        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", Port(server)], console, CancellationToken.None).WaitAsync(Cli.Timeout);

        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains($"127.0.0.1:{server.Ports[0]}/tcp is not an echo server", line);
        Assert.Contains("a time, not the bytes sent", line);
        Assert.Contains($"If this is netprog lab, its echo is on port {server.Ports[0] + 1}", line);
        Assert.Empty(console.StandardOutputBytes);
    }

    [Fact]
    public async Task Should_say_not_an_echo_server_at_a_terminal_when_a_time_server_answers_the_first_line()
    {
        await using var server = await Cli.StartAsync(1, "time-server", "--port", "0", "--bind", "127.0.0.1");
        var console = new TestConsole("hello\n", inputRedirected: false);

        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", Port(server)], console, CancellationToken.None).WaitAsync(Cli.Timeout);

        Assert.Equal(1, exit);
        Assert.Contains("is not an echo server", Assert.Single(console.ErrorWriter.Lines));
    }

    [Fact]
    public async Task Should_say_not_an_echo_server_when_a_udp_time_server_answers_every_datagram_with_the_time()
    {
        await using var server = await Cli.StartAsync(1, "time-server", "--port", "0", "--bind", "127.0.0.1", "--udp");
        var console = new TestConsole("hello\n");

        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", Port(server), "--udp"], console, CancellationToken.None).WaitAsync(Cli.Timeout);

        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains($"127.0.0.1:{server.Ports[0]}/udp is not an echo server", line);
        Assert.DoesNotContain("no reply", line);
        Assert.Contains($"its echo is on port {server.Ports[0] + 1}", line);
    }

    [Fact]
    public async Task Should_say_it_looks_like_an_echo_server_when_the_udp_time_client_gets_its_empty_datagram_back()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1", "--udp");

        var (exit, console) = await Cli.RunAsync("time-client", "127.0.0.1", Port(server), "--udp");

        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains("it looks like an echo server, not a time server", line);
        Assert.DoesNotContain("connection", line);
    }

    [Fact]
    public async Task Should_say_it_looks_like_an_echo_server_when_the_tcp_time_client_gets_nothing_after_connecting()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1");

        var (exit, console) = await Cli.RunAsync("time-client", "127.0.0.1", Port(server), "--timeout", "300ms");

        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains($"127.0.0.1:{server.Ports[0]}/tcp accepted the connection but sent nothing and did not close within 0.3 s", line);
        Assert.Contains("looks like an echo server", line);
        Assert.Contains($"its time server is on port {server.Ports[0] - 1}", line);
    }

    [Fact]
    public async Task Should_ask_for_user_when_the_echo_client_reaches_the_login_server_without_it()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("netprog-wrong-").FullName, "accounts.db");
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1", "--login", "--db", db);
        var console = new TestConsole("hello\n");

        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", Port(server)], console, CancellationToken.None).WaitAsync(Cli.Timeout);

        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains("wants a login first", line);
        Assert.Contains("'220 ", line);
        Assert.Contains("--user NAME", line);
        Assert.Empty(console.StandardOutputBytes);
    }

    [Fact]
    public async Task Should_say_the_login_server_is_no_time_server_without_waiting_for_the_timeout()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("netprog-wrong-").FullName, "accounts.db");
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1", "--login", "--db", db);

        var (exit, console) = await Cli.RunAsync("time-client", "127.0.0.1", Port(server), "--timeout", "30s");

        Assert.Equal(1, exit);
        Assert.Contains("is the echo server with login, not a time server", Assert.Single(console.ErrorWriter.Lines));
    }

    [Fact]
    public async Task Should_fail_when_the_server_closes_without_echoing_everything()
    {
        // A server that reads the request, answers nothing and closes: the stream must not end with exit 0.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var buffer = new byte[64];
            var stream = client.GetStream();
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        });
        var console = new TestConsole("hello\n");

        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture)], console, CancellationToken.None).WaitAsync(Cli.Timeout);
        await serve.WaitAsync(Cli.Timeout);

        Assert.Equal(1, exit);
        Assert.Contains("closed the connection after echoing 0 of the 6 bytes sent", Assert.Single(console.ErrorWriter.Lines));
    }

    [Fact]
    public async Task Should_not_say_connected_for_udp_at_a_terminal()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1", "--udp");
        var console = new TestConsole("hello\nquit\n", inputRedirected: false);

        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", Port(server), "--udp"], console, CancellationToken.None).WaitAsync(Cli.Timeout);

        Assert.Equal(0, exit);
        Assert.StartsWith($"sending datagrams to 127.0.0.1:{server.Ports[0]}/udp", console.OutWriter.Lines[0]);
        Assert.Equal("> hello", console.OutWriter.Lines[1]);
    }

    private static string Port(RunningServer server) => server.Ports[0].ToString(CultureInfo.InvariantCulture);
}
