namespace NetProg.Services.Bench;

/// <summary>One load run. Every value has a default; none is unbounded.</summary>
public sealed record BenchOptions
{
    public required BenchKind Kind { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 30000;

    /// <summary>Concurrent connections (UDP: sockets; time: clients). Defaults to 1.</summary>
    public int Connections { get; init; } = 1;

    /// <summary>Bytes per message (echo) or datagram (udp-echo; at least <see cref="UdpEchoLoad.HeaderSize"/>). Defaults to 64.</summary>
    public int Size { get; init; } = 64;

    /// <summary>Messages in flight per connection (1 = strict ping-pong). Defaults to 1.</summary>
    public int Pipeline { get; init; } = 1;

    /// <summary>Measured time, after the warm-up. Defaults to 10 seconds.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load applied but not counted first (JIT, TCP slow start, server caches). Defaults to 1 second.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one connect or one reply may take before it counts as an error (TCP: timed out, the connection is replaced;
    /// UDP: the datagrams in flight count as lost). Defaults to 5 seconds.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest message or pipeline a run accepts: every buffer is bounded.</summary>
    public const int MaxSize = 16 * 1024 * 1024;

    /// <summary>Largest number of connections a run opens.</summary>
    public const int MaxConnections = 100_000;

    /// <summary>Largest UDP payload over IPv4 (65,535 − 20 − 8).</summary>
    public const int MaxDatagramSize = 65_507;
}
