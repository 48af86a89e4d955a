using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>stale-bytes</c>: a 100-byte line and then a 3-byte one on the same connection; the second must come back alone. A
/// buffer that is not cleared, sent with strlen() (or a fixed size) instead of recv()'s count, returns the short line
/// followed by the long one's old tail.
/// </summary>
internal sealed class StaleBytesCheck : TcpCheck
{
    private static readonly byte[] Long = EchoPayloads.Line(100);
    private static readonly byte[] Short = "ok\n"u8.ToArray();

    public override string Id => CheckIds.StaleBytes;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var probe = await ConnectAsync(context, Long.Length + Short.Length + EchoExchange.Slack, cancellationToken).ConfigureAwait(false);
        var (first, firstStop) = await EchoExchange.RoundTripAsync(probe, Long, context.Timeout, cancellationToken).ConfigureAwait(false);
        var firstShape = EchoComparison.Of(Long, first).Shape;
        if (firstShape != EchoShape.Exact)
        {
            var observed = Text(TcpServerText.Echo_SentLine, Bytes(Long.Length), EchoOutcome.Describe(Long, first, firstStop, context.Timeout));
            return firstShape == EchoShape.Short
                ? Fail(observed, TcpServerText.Echo_Cause_Short, TcpServerText.Echo_Fix_Short)
                : Fail(observed, TcpServerText.Corrupt_Cause, TcpServerText.Corrupt_Fix);
        }

        var (second, stop) = await EchoExchange.RoundTripAsync(probe, Short, context.Timeout, cancellationToken, EchoExchange.ExtraGrace).ConfigureAwait(false);
        var result = Text(TcpServerText.Stale_Observed, Bytes(Long.Length), BytePreview.Of(Short), EchoOutcome.Describe(Short, second, stop, context.Timeout));
        if (EchoComparison.HasStaleTail(Short, second, Long))
        {
            return Fail(result, TcpServerText.Stale_Cause, TcpServerText.Stale_Fix);
        }

        return EchoComparison.Of(Short, second).Shape switch
        {
            EchoShape.Exact => Pass(result),
            EchoShape.Short when second.Length == 0 && stop is ReadStop.Closed or ReadStop.Reset =>
                Fail(result, TcpServerText.Stale_Cause_OneMessage, TcpServerText.Stale_Fix_OneMessage),
            EchoShape.Short => Fail(result, TcpServerText.Echo_Cause_Short, TcpServerText.Echo_Fix_Short),
            _ => Fail(result, TcpServerText.Corrupt_Cause, TcpServerText.Corrupt_Fix),
        };
    }
}
