using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>What one run measured; rendered as a table or JSON by the CLI.</summary>
public sealed record BenchResult
{
    public required BenchOptions Options { get; init; }

    /// <summary>The address the load went to (the first one the host name resolved to).</summary>
    public required IPEndPoint Target { get; init; }

    /// <summary>The measured time (the warm-up excluded).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Round trips (echo), datagrams answered (udp-echo) or connections completed (time).</summary>
    public required long Operations { get; init; }

    /// <summary>Payload bytes received back and checked (time: reply bytes).</summary>
    public required long Bytes { get; init; }

    public required BenchLatency Latency { get; init; }

    /// <summary>Errors by class (refused, reset, timed out, address not available, ...).</summary>
    public required IReadOnlyDictionary<SocketErrorKind, long> Errors { get; init; }

    /// <summary>The first error of the run, for the one-line explanation.</summary>
    public NetworkException? FirstError { get; init; }

    /// <summary>Bytes that came back different from what was sent (echo, udp-echo).</summary>
    public long MismatchedBytes { get; init; }

    /// <summary>UDP: datagrams with no reply within the timeout.</summary>
    public long Lost { get; init; }

    /// <summary>UDP: replies that arrived after a reply to a later datagram.</summary>
    public long Reordered { get; init; }

    /// <summary>UDP: replies to nothing in flight (duplicates, or late replies to datagrams already counted lost).</summary>
    public long Unexpected { get; init; }

    /// <summary>Time: connections that ended without a byte.</summary>
    public long EmptyReplies { get; init; }

    /// <summary>
    /// What the server answered when, before any operation succeeded, it answered not as the service benched does: a time
    /// server's time to the echo load, the login server's 220 greeting. Null when every reply could be the expected one.
    /// </summary>
    public ForeignReply? ForeignReply { get; init; }

    /// <summary>Time: the longest a connection waited with no byte and no close (an echo server waits for data to echo).</summary>
    public TimeSpan? LongestSilence { get; init; }

    /// <summary>Operations completed in the first 100 ms after the first one (warm-up included): the size of a first burst.</summary>
    public long AnsweredAtOnce { get; init; }

    /// <summary>
    /// UDP: the loss looks like the server's per-source rate limit (a token bucket, as netprog's <c>--rate-limit</c>): a first
    /// burst answered at full speed, then the rate collapses (to at most twice the burst a second) while datagrams are lost.
    /// A lossy network or an overflowing socket buffer loses datagrams at the rate they are answered, with no such collapse.
    /// </summary>
    public bool LossLooksRateLimited =>
        Options.Kind == BenchKind.UdpEcho && Lost > 0 && AnsweredAtOnce >= 10 && OperationsPerSecond <= AnsweredAtOnce * 2.0;

    public long ErrorCount => Errors.Values.Sum();

    public double OperationsPerSecond => Elapsed > TimeSpan.Zero ? Operations / Elapsed.TotalSeconds : 0;

    public double BytesPerSecond => Elapsed > TimeSpan.Zero ? Bytes / Elapsed.TotalSeconds : 0;

    /// <summary>True when every byte checked and at least one operation completed.</summary>
    public bool Clean => Operations > 0 && MismatchedBytes == 0 && EmptyReplies == 0;
}
