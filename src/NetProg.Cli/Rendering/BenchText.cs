using NetProg.Services.Bench;
using NetProg.Transport;

namespace NetProg.Cli.Rendering;

/// <summary>The result of <c>netprog bench</c> as the lines a person reads.</summary>
internal static class BenchText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IEnumerable<string> Lines(BenchResult r)
    {
        var o = r.Options;
        var where = EndPointText.Format(r.Target, o.Kind == BenchKind.UdpEcho ? TransportProtocol.Udp : TransportProtocol.Tcp);
        var shape = o.Kind switch
        {
            BenchKind.Echo => string.Format(o.Connections == 1 ? Strings.Bench_Shape_EchoOne : Strings.Bench_Shape_Echo, Count(o.Connections), Bytes(o.Size), o.Pipeline),
            BenchKind.UdpEcho => string.Format(o.Connections == 1 ? Strings.Bench_Shape_UdpOne : Strings.Bench_Shape_Udp, Count(o.Connections), Bytes(o.Size), o.Pipeline),
            _ => string.Format(o.Connections == 1 ? Strings.Bench_Shape_TimeOne : Strings.Bench_Shape_Time, Count(o.Connections)),
        };
        yield return string.Format(Strings.Bench_Header, Name(o.Kind), where, shape, Seconds(r.Elapsed), Seconds(o.Warmup));
        var unit = o.Kind switch { BenchKind.Echo => Strings.Bench_Unit_RoundTrips, BenchKind.UdpEcho => Strings.Bench_Unit_Datagrams, _ => Strings.Bench_Unit_Connections };
        yield return Row(unit, r.OperationsPerSecond.ToString("N0", Invariant) + string.Format(Strings.Bench_InAll, Count(r.Operations)));
        yield return Row(Strings.Bench_Throughput, $"{(r.BytesPerSecond / 1e6).ToString("0.00", Invariant)} MB/s" + (o.Kind == BenchKind.Time ? Strings.Bench_OfReplies : Strings.Bench_EachWay));
        var l = r.Latency;
        yield return Row(
            o.Kind == BenchKind.Time ? Strings.Bench_ConnectToEof : Strings.Bench_Latency,
            l.Count == 0 ? Strings.Bench_NoneMeasured : $"p50 {Time(l.P50)}  p90 {Time(l.P90)}  p99 {Time(l.P99)}  p99.9 {Time(l.P999)}  max {Time(l.Max)}");
        yield return Row(Strings.Bench_Errors, r.Errors.Count == 0 ? Strings.Bench_None : string.Join(", ", r.Errors.Select(e => $"{ErrorDisplayName(e.Key)} {Count(e.Value)}")));
        if (r.Errors.ContainsKey(SocketErrorKind.AddressNotAvailable))
        {
            yield return Row(string.Empty, EphemeralPortHint);
        }

        if (o.Kind == BenchKind.Time)
        {
            yield return Row(Strings.Bench_EmptyReplies, Count(r.EmptyReplies));
        }
        else
        {
            yield return Row(Strings.Bench_Mismatched, Count(r.MismatchedBytes));
        }

        if (o.Kind == BenchKind.UdpEcho)
        {
            yield return Row(Strings.Bench_Lost, Count(r.Lost));
            if (r.LossLooksRateLimited)
            {
                yield return Row(string.Empty, string.Format(Strings.Bench_LostRateLimit, Count(r.AnsweredAtOnce), r.OperationsPerSecond.ToString("N0", Invariant)));
            }

            yield return Row(Strings.Bench_Reordered, Count(r.Reordered));
            yield return Row(Strings.Bench_Unexpected, Count(r.Unexpected) + Strings.Bench_UnexpectedNote);
        }
    }

    /// <summary>Why a run that completed operations still failed.</summary>
    public static string Verdict(BenchResult r) =>
        r.MismatchedBytes > 0
            ? string.Format(r.MismatchedBytes == 1 ? Strings.Bench_Verdict_MismatchOne : Strings.Bench_Verdict_Mismatch, Count(r.MismatchedBytes))
            : r.EmptyReplies > 0
                ? string.Format(r.EmptyReplies == 1 ? Strings.Bench_Verdict_EmptyOne : Strings.Bench_Verdict_Empty, Count(r.EmptyReplies))
                : Strings.Bench_Verdict_Nothing;

    /// <summary>
    /// connect() fails with EADDRNOTAVAIL when every local port of the range is taken for this destination: each connection this
    /// machine closed first holds its port in TIME_WAIT for 60 s (Linux's TCP_TIMEWAIT_LEN).
    /// </summary>
    public static string EphemeralPortHint => Strings.Bench_EphemeralPortHint;

    public static string ErrorName(SocketErrorKind kind) => kind switch
    {
        SocketErrorKind.ConnectionRefused => "refused",
        SocketErrorKind.ConnectionReset => "reset",
        SocketErrorKind.ConnectionAborted => "aborted",
        SocketErrorKind.TimedOut => "timed out",
        SocketErrorKind.AddressNotAvailable => "address not available",
        SocketErrorKind.HostUnreachable => "host unreachable",
        SocketErrorKind.NetworkUnreachable => "network unreachable",
        SocketErrorKind.MessageTooLong => "message too long",
        _ => "other",
    };

    /// <summary>The error class as a person reads it; <see cref="ErrorName"/> stays the JSON key.</summary>
    private static string ErrorDisplayName(SocketErrorKind kind) => kind switch
    {
        SocketErrorKind.ConnectionRefused => Strings.Bench_Error_Refused,
        SocketErrorKind.ConnectionReset => Strings.Bench_Error_Reset,
        SocketErrorKind.ConnectionAborted => Strings.Bench_Error_Aborted,
        SocketErrorKind.TimedOut => Strings.Bench_Error_TimedOut,
        SocketErrorKind.AddressNotAvailable => Strings.Bench_Error_AddressNotAvailable,
        SocketErrorKind.HostUnreachable => Strings.Bench_Error_HostUnreachable,
        SocketErrorKind.NetworkUnreachable => Strings.Bench_Error_NetworkUnreachable,
        SocketErrorKind.MessageTooLong => Strings.Bench_Error_MessageTooLong,
        _ => Strings.Bench_Error_Other,
    };

    public static string Name(BenchKind kind) => kind switch
    {
        BenchKind.Echo => "echo",
        BenchKind.UdpEcho => "udp-echo",
        _ => "time",
    };

    public static string Time(TimeSpan value) =>
        value.TotalMilliseconds < 1 ? $"{value.TotalMicroseconds.ToString("0.0", Invariant)} µs"
        : value.TotalSeconds < 1 ? $"{value.TotalMilliseconds.ToString("0.00", Invariant)} ms"
        : $"{value.TotalSeconds.ToString("0.000", Invariant)} s";

    private static string Row(string name, string value) => $"  {TerminalText.Pad(name, 17)} {value}";

    private static string Count(long value) => value.ToString("N0", Invariant);

    private static string Seconds(TimeSpan value) => $"{value.TotalSeconds.ToString("0.##", Invariant)} s";

    private static string Bytes(int size) =>
        size >= 1024 * 1024 && size % (1024 * 1024) == 0 ? $"{size / (1024 * 1024)} MiB"
        : size >= 1024 && size % 1024 == 0 ? $"{size / 1024} KiB"
        : $"{size} B";
}
