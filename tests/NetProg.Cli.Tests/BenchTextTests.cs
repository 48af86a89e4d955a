using System.Text.Json;
using NetProg.Cli.Rendering;
using NetProg.Services.Bench;
using NetProg.Transport;

namespace NetProg.Cli.Tests;

/// <summary>What <c>netprog bench</c> prints (docs/BENCHMARKS.md): the rows a person reads, the JSON a script reads.</summary>
public sealed class BenchTextTests
{
    private static readonly BenchResult Result = new()
    {
        Options = new BenchOptions { Kind = BenchKind.Echo, Connections = 100, Size = 64 * 1024, Duration = TimeSpan.FromSeconds(10) },
        Target = new IPEndPoint(IPAddress.Loopback, 30001),
        Elapsed = TimeSpan.FromSeconds(10),
        Operations = 250_000,
        Bytes = 250_000L * 64 * 1024,
        Latency = new BenchLatency(250_000, TimeSpan.FromMicroseconds(42.5), TimeSpan.FromMicroseconds(80), TimeSpan.FromMilliseconds(1.25), TimeSpan.FromMilliseconds(3), TimeSpan.FromSeconds(1.5), TimeSpan.FromMicroseconds(50)),
        Errors = new SortedDictionary<SocketErrorKind, long> { [SocketErrorKind.ConnectionReset] = 2, [SocketErrorKind.AddressNotAvailable] = 7 },
        MismatchedBytes = 0,
    };

    [Fact]
    public void Should_show_rate_latency_units_and_errors_by_class_with_the_ephemeral_port_hint()
    {
        var lines = BenchText.Lines(Result).ToList();

        Assert.Equal("bench echo 127.0.0.1:30001/tcp: 100 connections × 64 KiB, 1 in flight each; measured 10 s after 1 s warm-up", lines[0]);
        Assert.Contains(lines, l => l.Contains("round trips/s", StringComparison.Ordinal) && l.Contains("25,000 (250,000 in all)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("p50 42.5 µs  p90 80.0 µs  p99 1.25 ms  p99.9 3.00 ms  max 1.500 s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("reset 2, address not available 7", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ran out of local ports", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("mismatched bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_write_stable_json_names()
    {
        using var output = new StringWriter();
        BenchJson.Write(output, Result);

        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("echo", root.GetProperty("kind").GetString());
        Assert.Equal(25_000, root.GetProperty("operationsPerSecond").GetDouble());
        Assert.Equal(42.5, root.GetProperty("latencyMicroseconds").GetProperty("p50").GetDouble());
        Assert.Equal(7, root.GetProperty("errors").GetProperty("address_not_available").GetInt64());
        Assert.Equal(0, root.GetProperty("mismatchedBytes").GetInt64());
    }
}
