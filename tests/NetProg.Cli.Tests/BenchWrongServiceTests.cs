using System.Text.Json;

namespace NetProg.Cli.Tests;

/// <summary>
/// <c>netprog bench</c> against the wrong kind of server says in plain words what the server is and exits 1; udp-echo says
/// when its loss looks like a per-source rate limit.
/// </summary>
public sealed class BenchWrongServiceTests
{
    [Fact]
    public async Task Should_say_the_echo_bench_reached_a_time_server()
    {
        await using var server = await Cli.StartAsync(1, "time-server", "--port", "0", "--bind", "127.0.0.1");

        var (exit, console) = await Cli.RunAsync("bench", "echo", "127.0.0.1", Port(server), "--duration", "2s", "--warmup", "0s");

        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains($"127.0.0.1:{server.Ports[0]}/tcp is not an echo server", line);
        Assert.Contains("it is a time server", line);
        Assert.DoesNotContain("reset", console.OutWriter.Text + line);
    }

    [Fact]
    public async Task Should_say_the_udp_echo_bench_reached_a_time_server()
    {
        await using var server = await Cli.StartAsync(1, "time-server", "--port", "0", "--bind", "127.0.0.1", "--udp");

        var (exit, console) = await Cli.RunAsync("bench", "udp-echo", "127.0.0.1", Port(server), "--duration", "2s", "--warmup", "0s", "--json");

        Assert.Equal(1, exit);
        Assert.Contains($"127.0.0.1:{server.Ports[0]}/udp is not an echo server", Assert.Single(console.ErrorWriter.Lines));
        using var json = JsonDocument.Parse(console.OutWriter.Text);
        Assert.Equal("time", json.RootElement.GetProperty("foreignReply").GetProperty("looksLike").GetString());
    }

    [Fact]
    public async Task Should_say_the_time_bench_reached_a_server_that_waits_for_data()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1");

        var (exit, console) = await Cli.RunAsync("bench", "time", "127.0.0.1", Port(server), "--duration", "1s", "--warmup", "0s");

        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains("accepted the connection but sent nothing", line);
        Assert.Contains("looks like an echo server", line);
    }

    [Fact]
    public async Task Should_say_the_echo_bench_cannot_log_in()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("netprog-bench-").FullName, "accounts.db");
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1", "--login", "--db", db);

        var (exit, console) = await Cli.RunAsync("bench", "echo", "127.0.0.1", Port(server), "--duration", "2s", "--warmup", "0s");

        Assert.Equal(1, exit);
        Assert.Contains("wants a login first", Assert.Single(console.ErrorWriter.Lines));
    }

    [Fact]
    public async Task Should_say_when_udp_loss_looks_like_a_per_source_rate_limit()
    {
        // Given a UDP echo server of its own (not netprog's) with a token bucket of 50 datagrams, refilled at 50 a second
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        var serve = RateLimitedEchoAsync(socket, 50, stop.Token);

        // When
        var (exit, console) = await Cli.RunAsync("bench", "udp-echo", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), "--duration", "2s", "--warmup", "0s", "--timeout", "200ms");
        await stop.CancelAsync();
        await serve;

        // Then
        Assert.Equal(0, exit);
        var hint = Assert.Single(console.OutWriter.Lines, l => l.Contains("per-source rate limit", StringComparison.Ordinal));
        // 50 and a little more: the bucket refills while the burst is answered.
        Assert.Matches(@" 5\d datagrams were answered at once", hint);
    }

    [Fact]
    public async Task Should_not_suspect_a_rate_limit_when_nothing_is_lost()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1", "--udp", "--rate-limit", "0");

        var (exit, console) = await Cli.RunAsync("bench", "udp-echo", "127.0.0.1", Port(server), "--duration", "1s", "--warmup", "0s", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(console.OutWriter.Text);
        Assert.False(json.RootElement.GetProperty("lossLooksRateLimited").GetBoolean());
    }

    [Fact]
    public async Task Should_say_per_socket_not_per_connection_for_udp()
    {
        var (exit, console) = await Cli.RunAsync("bench", "udp-echo", "127.0.0.1", "1", "--size", "60000", "--pipeline", "1024");

        Assert.Equal(2, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains("in flight per socket", line);
        Assert.DoesNotContain("connection", line);
    }

    [Theory]
    [InlineData(100, 100, 3, true)] // netprog's 100/s limit: 100 at once, then 100/s
    [InlineData(4_588, 45_879, 18_432, false)] // socket buffers overflowing at full speed: no collapse after the first burst
    [InlineData(100, 100, 0, false)] // nothing lost
    public void Should_suspect_a_rate_limit_only_when_the_rate_collapses_after_a_first_burst(long atOnce, long perSecond, long lost, bool suspected)
    {
        var result = new NetProg.Services.Bench.BenchResult
        {
            Options = new NetProg.Services.Bench.BenchOptions { Kind = NetProg.Services.Bench.BenchKind.UdpEcho, Duration = TimeSpan.FromSeconds(3) },
            Target = new IPEndPoint(IPAddress.Loopback, 30001),
            Elapsed = TimeSpan.FromSeconds(3),
            Operations = perSecond * 3,
            Bytes = perSecond * 3 * 64,
            Latency = new NetProg.Services.Bench.BenchLatency(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
            Errors = new SortedDictionary<NetProg.Transport.SocketErrorKind, long>(),
            Lost = lost,
            AnsweredAtOnce = atOnce,
        };

        Assert.Equal(suspected, result.LossLooksRateLimited);
    }

    private static async Task RateLimitedEchoAsync(Socket socket, int rate, CancellationToken stop)
    {
        var buffer = new byte[65536];
        double tokens = rate;
        var last = System.Diagnostics.Stopwatch.GetTimestamp();
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop);
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                tokens = Math.Min(rate, tokens + (System.Diagnostics.Stopwatch.GetElapsedTime(last, now).TotalSeconds * rate));
                last = now;
                if (tokens >= 1)
                {
                    tokens--;
                    await socket.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, received.RemoteEndPoint, stop);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Port(RunningServer server) => server.Ports[0].ToString(CultureInfo.InvariantCulture);
}
