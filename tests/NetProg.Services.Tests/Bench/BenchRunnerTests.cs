using NetProg.Protocols.Time;
using NetProg.Services.Bench;
using NetProg.Services.Hosting;
using NetProg.Transport;
using NetProg.Transport.Udp;

namespace NetProg.Services.Tests.Bench;

/// <summary>
/// <c>netprog bench</c>'s load generator against netprog's own servers on loopback (docs/BENCHMARKS.md): the counts
/// must agree with each other, every byte must check, and failures must land in the right class.
/// </summary>
public sealed class BenchRunnerTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(700);

    [Theory]
    [InlineData(1, 64, 1)]
    [InlineData(20, 64, 1)]
    [InlineData(3, 64 * 1024, 1)]
    [InlineData(2, 1000, 8)]
    [InlineData(2, 256 * 1024, 2)]
    public async Task Should_count_consistent_round_trips_with_no_mismatch_When_loading_our_echo_server(int connections, int size, int pipeline)
    {
        // Given netprog's TCP echo server
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);

        // When the load runs (sizes past the inline limit exercise the separate sender)
        var result = await BenchRunner.RunAsync(Options(BenchKind.Echo, server.Port) with { Connections = connections, Size = size, Pipeline = pipeline }, null, CancellationToken.None);

        // Then every round trip brought back exactly its bytes, and each has one latency sample
        Assert.True(result.Operations > 0, "no round trip completed");
        Assert.Equal(result.Operations * size, result.Bytes);
        Assert.Equal(result.Operations, result.Latency.Count);
        Assert.Equal(0, result.MismatchedBytes);
        Assert.Empty(result.Errors);
        Assert.True(result.Latency.P50 <= result.Latency.P99 && result.Latency.P99 <= result.Latency.Max);
        Assert.True(result.Clean);
    }

    [Fact]
    public async Task Should_count_datagrams_with_no_loss_or_mismatch_When_loading_our_udp_echo_server()
    {
        // Given netprog's UDP echo server without its per-source rate limit (a load comes from one address)
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp, o => o with { Udp = o.Udp with { RateLimitPerSecond = 0 } });

        var result = await BenchRunner.RunAsync(Options(BenchKind.UdpEcho, server.Port) with { Connections = 4, Size = 100, Pipeline = 2 }, null, CancellationToken.None);

        Assert.True(result.Operations > 0, "no datagram came back");
        Assert.Equal(result.Operations * 100, result.Bytes);
        Assert.Equal(result.Operations, result.Latency.Count);
        Assert.Equal(0, result.MismatchedBytes);
        Assert.Equal(0, result.Unexpected);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task Should_count_lost_datagrams_When_the_server_answers_only_some()
    {
        // Given a UDP echo server that leaves every tenth datagram unanswered (the default rate limit no longer drops a
        // loopback load: loopback is a near source)
        var echo = ServiceCatalog.Echo();
        var datagrams = 0;
        UdpDatagramHandler lossy = (request, remote, reply) => Interlocked.Increment(ref datagrams) % 10 == 0 ? -1 : echo.UdpHandler!(request, remote, reply);
        await using var server = RunningHost.Start(echo with { UdpHandler = lossy }, ProtocolSelection.Udp);

        // When one socket sends as fast as replies come, with a short loss timeout
        var result = await BenchRunner.RunAsync(
            Options(BenchKind.UdpEcho, server.Port) with { Pipeline = 4, Timeout = TimeSpan.FromMilliseconds(50), Duration = TimeSpan.FromSeconds(1.5) },
            null,
            CancellationToken.None);

        // Then the unanswered datagrams are counted lost, not errors, and the answered ones still check
        Assert.True(result.Lost > 0, "nothing counted lost against a server that drops datagrams");
        Assert.True(result.Operations > 0);
        Assert.Equal(0, result.MismatchedBytes);
    }

    [Fact]
    public async Task Should_count_connections_and_reply_bytes_When_loading_our_time_server()
    {
        // Given a time server whose reply is always the 25 bytes of ctime
        await using var server = RunningHost.Start(ServiceCatalog.Time(TimeFormat.Ctime, appendNul: false, TimeProvider.System), ProtocolSelection.Tcp);

        var result = await BenchRunner.RunAsync(Options(BenchKind.Time, server.Port) with { Connections = 4 }, null, CancellationToken.None);

        Assert.True(result.Operations > 0, "no connection completed");
        Assert.Equal(result.Operations * 25, result.Bytes);
        Assert.Equal(0, result.EmptyReplies);
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData(BenchKind.Echo)]
    [InlineData(BenchKind.Time)]
    [InlineData(BenchKind.UdpEcho)]
    public async Task Should_end_at_once_with_refused_errors_When_nothing_listens(BenchKind kind)
    {
        // Given a port nothing listens on (bound, read back, closed)
        var port = FreePort.Of(kind == BenchKind.UdpEcho ? SocketType.Dgram : SocketType.Stream);

        // When the load runs with a long duration
        var run = BenchRunner.RunAsync(Options(kind, port) with { Connections = 3, Duration = TimeSpan.FromMinutes(1) }, null, CancellationToken.None);
        var result = await run.WaitAsync(Waits.Long);

        // Then it ended without waiting for the duration, every error classed as refused, and nothing counted
        Assert.Equal(0, result.Operations);
        Assert.True(result.Errors.TryGetValue(SocketErrorKind.ConnectionRefused, out var refused) && refused > 0, $"errors: {string.Join(", ", result.Errors)}");
        Assert.Single(result.Errors);
        Assert.Equal(SocketErrorKind.ConnectionRefused, result.FirstError!.Kind);
        Assert.False(result.Clean);
    }

    [Fact]
    public async Task Should_class_turned_away_connections_as_reset_When_the_server_is_at_its_connection_limit()
    {
        // Given an echo server that serves one connection and resets the others (max-connections)
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp, o => o with { Tcp = o.Tcp with { MaxConnections = 1 } });

        var result = await BenchRunner.RunAsync(Options(BenchKind.Echo, server.Port) with { Connections = 3 }, null, CancellationToken.None);

        // Then the served connection counts round trips, the others count resets
        Assert.True(result.Operations > 0);
        Assert.True(result.Errors.TryGetValue(SocketErrorKind.ConnectionReset, out var resets) && resets > 0, $"errors: {string.Join(", ", result.Errors)}");
        Assert.Equal(0, result.MismatchedBytes);
    }

    [Fact]
    public async Task Should_report_progress_and_stop_early_with_what_was_measured_When_cancelled()
    {
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        using var cancel = new CancellationTokenSource();
        var reports = new List<BenchProgress>();

        // When a one-minute run is cancelled after its second progress report (as Ctrl+C)
        var result = await BenchRunner.RunAsync(
            Options(BenchKind.Echo, server.Port) with { Warmup = TimeSpan.Zero, Duration = TimeSpan.FromMinutes(1) },
            p =>
            {
                lock (reports)
                {
                    reports.Add(p);
                    if (reports.Count == 2)
                    {
                        cancel.Cancel();
                    }
                }
            },
            cancel.Token).WaitAsync(Waits.Long);

        // Then the result covers the time until then, and the reports counted up
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"ran {result.Elapsed}");
        Assert.True(result.Operations > 0);
        Assert.True(reports[1].Operations >= reports[0].Operations);
        Assert.All(reports, r => Assert.False(r.WarmingUp));
    }

    private static BenchOptions Options(BenchKind kind, int port) => new()
    {
        Kind = kind,
        Host = "127.0.0.1",
        Port = port,
        Duration = Short,
        Warmup = TimeSpan.FromMilliseconds(200),
    };
}
