using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// Says what came back for an echo, for an Observed text: all of it, the first N bytes, ours and more, or where it
/// differs; and how the reading ended (closed, reset, silence).
/// </summary>
internal static class EchoOutcome
{
    public static string Describe(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> received, ReadStop stop, TimeSpan idle)
    {
        var comparison = EchoComparison.Of(sent, received);
        var end = End(stop, received.Length, idle);
        return comparison.Shape switch
        {
            EchoShape.Exact => Text(TcpServerText.Echo_Exact, Bytes(sent.Length)),
            EchoShape.Short when received.IsEmpty && stop == ReadStop.Idle => Text(TcpServerText.Echo_Silent, ServerChecker.Seconds(idle)),
            EchoShape.Short when received.IsEmpty => Text(TcpServerText.Echo_Nothing, end),
            EchoShape.Short => Text(TcpServerText.Echo_Short, Bytes(received.Length), Bytes(sent.Length), BytePreview.Of(received), end),
            EchoShape.Extra => Text(TcpServerText.Echo_Extra, Bytes(sent.Length), Bytes(received.Length - sent.Length), BytePreview.Of(received[sent.Length..]), end),
            _ => Text(
                TcpServerText.Echo_Differs,
                Bytes(received.Length),
                Bytes(comparison.Matched),
                BytePreview.Of(sent[comparison.Matched..], 16),
                BytePreview.Of(received[comparison.Matched..], 16),
                end),
        };
    }

    /// <summary>How the reading ended, as a clause appended to what came back (empty when all came).</summary>
    public static string End(ReadStop stop, int received, TimeSpan idle) => stop switch
    {
        ReadStop.Closed => TcpServerText.End_Closed,
        ReadStop.Reset => TcpServerText.End_Reset,
        ReadStop.Idle => Text(TcpServerText.End_Idle, ServerChecker.Seconds(idle)),
        ReadStop.Full => Text(TcpServerText.End_Full, Bytes(received)),
        _ => string.Empty,
    };
}
