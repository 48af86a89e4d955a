using System.Globalization;
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
            BenchKind.Echo => $"{Count(o.Connections)} connection{S(o.Connections)} × {Bytes(o.Size)}, {o.Pipeline} in flight each",
            BenchKind.UdpEcho => $"{Count(o.Connections)} socket{S(o.Connections)} × {Bytes(o.Size)} datagrams, {o.Pipeline} in flight each",
            _ => $"{Count(o.Connections)} client{S(o.Connections)} connecting at once",
        };
        yield return $"bench {Name(o.Kind)} {where}: {shape}; measured {Seconds(r.Elapsed)} after {Seconds(o.Warmup)} warm-up";
        var unit = o.Kind switch { BenchKind.Echo => "round trips/s", BenchKind.UdpEcho => "datagrams/s", _ => "connections/s" };
        yield return Row(unit, r.OperationsPerSecond.ToString("N0", Invariant) + $" ({Count(r.Operations)} in all)");
        yield return Row("throughput", $"{(r.BytesPerSecond / 1e6).ToString("0.00", Invariant)} MB/s" + (o.Kind == BenchKind.Time ? " of replies" : " each way"));
        var l = r.Latency;
        yield return Row(
            o.Kind == BenchKind.Time ? "connect to EOF" : "latency",
            l.Count == 0 ? "none measured" : $"p50 {Time(l.P50)}  p90 {Time(l.P90)}  p99 {Time(l.P99)}  p99.9 {Time(l.P999)}  max {Time(l.Max)}");
        yield return Row("errors", r.Errors.Count == 0 ? "none" : string.Join(", ", r.Errors.Select(e => $"{ErrorName(e.Key)} {Count(e.Value)}")));
        if (r.Errors.ContainsKey(SocketErrorKind.AddressNotAvailable))
        {
            yield return Row(string.Empty, EphemeralPortHint);
        }

        if (o.Kind == BenchKind.Time)
        {
            yield return Row("empty replies", Count(r.EmptyReplies));
        }
        else
        {
            yield return Row("mismatched bytes", Count(r.MismatchedBytes));
        }

        if (o.Kind == BenchKind.UdpEcho)
        {
            yield return Row("lost", Count(r.Lost));
            yield return Row("reordered", Count(r.Reordered));
            yield return Row("unexpected", Count(r.Unexpected) + " (duplicates, or late replies to datagrams counted lost)");
        }
    }

    /// <summary>Why a run that completed operations still failed.</summary>
    public static string Verdict(BenchResult r) =>
        r.MismatchedBytes > 0
            ? $"{Count(r.MismatchedBytes)} byte{S(r.MismatchedBytes)} came back different from what was sent: the server does not echo faithfully."
            : r.EmptyReplies > 0
                ? $"{Count(r.EmptyReplies)} connection{S(r.EmptyReplies)} closed without a byte: it is at its connection limit, or not a time server."
                : "no operation completed in the measured time.";

    /// <summary>
    /// connect() fails with EADDRNOTAVAIL when every local port of the range is taken for this destination: each connection this
    /// machine closed first holds its port in TIME_WAIT for 60 s (Linux's TCP_TIMEWAIT_LEN).
    /// </summary>
    public const string EphemeralPortHint =
        "(address not available: this machine ran out of local ports for new connections; each one closed here first stays in TIME_WAIT for 60 s. " +
        "See the range in /proc/sys/net/ipv4/ip_local_port_range, use fewer clients, or let the server close first.)";

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

    private static string Row(string name, string value) => $"  {name,-17} {value}";

    private static string Count(long value) => value.ToString("N0", Invariant);

    private static string S(long value) => value == 1 ? string.Empty : "s";

    private static string Seconds(TimeSpan value) => $"{value.TotalSeconds.ToString("0.##", Invariant)} s";

    private static string Bytes(int size) =>
        size >= 1024 * 1024 && size % (1024 * 1024) == 0 ? $"{size / (1024 * 1024)} MiB"
        : size >= 1024 && size % 1024 == 0 ? $"{size / 1024} KiB"
        : $"{size} B";
}
