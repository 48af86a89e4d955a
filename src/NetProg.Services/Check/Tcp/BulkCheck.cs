using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>bulk</c>: 1 MiB (16,384 numbered lines) sent while the client reads slowly must come back exactly. send(2) may
/// send fewer bytes than asked (and a non-blocking socket fails with EAGAIN when its buffer is full): a server that does
/// not look at what send() returned drops the rest. The probe announces Ethernet-sized segments and a small receive
/// buffer, so the server's socket buffer fills as it would across a real network. Bounded: the check ends when nothing
/// has come back for the timeout.
/// </summary>
internal sealed class BulkCheck : TcpCheck
{
    private const int LineCount = 16_384;
    private const int Chunk = 4 * 1024;
    private const int PauseEvery = 64 * 1024;

    private static readonly byte[] Data = EchoPayloads.NumberedLines(LineCount);

    /// <summary>Before the first read: the echo piles up in the server's socket buffer.</summary>
    private static readonly TimeSpan FirstReadDelay = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);

    public override string Id => CheckIds.Bulk;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var probe = await ConnectAsync(context, Data.Length + EchoExchange.Slack, cancellationToken, slowReader: true).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Sending and reading at once: a server that echoes as it reads blocks when the client does not read, and the
        // client's send() would then block too.
        var sending = probe.SendAsync(Data, Timeout.InfiniteTimeSpan, stopSending.Token);
        await Task.Delay(FirstReadDelay, cancellationToken).ConfigureAwait(false);
        var stop = ReadStop.Enough;
        while (probe.Count < Data.Length)
        {
            stop = await probe.ReadAsync(Math.Min(probe.Count + PauseEvery, Data.Length), context.Timeout, cancellationToken, Chunk).ConfigureAwait(false);
            if (stop != ReadStop.Enough)
            {
                break;
            }

            await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
        }

        await stopSending.CancelAsync().ConfigureAwait(false);
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The server stopped reading; what came back is the finding.
        }

        return Judge(probe.Received, stop, watch.Elapsed, context.Timeout);
    }

    private CheckResult Judge(ReadOnlySpan<byte> echo, ReadStop stop, TimeSpan elapsed, TimeSpan timeout)
    {
        var comparison = EchoComparison.Of(Data, echo);
        if (comparison.Shape == EchoShape.Exact)
        {
            return Pass(Text(TcpServerText.Bulk_Pass, Bytes(Data.Length), Elapsed(elapsed)));
        }

        var end = EchoOutcome.End(stop, echo.Length, timeout);
        if (comparison.Shape == EchoShape.Differs && EchoComparison.GapAt(Data, echo, comparison.Matched) is { } gap)
        {
            var observed = Text(TcpServerText.Bulk_Observed_Gap, Bytes(Data.Length), Bytes(echo.Length), Bytes(comparison.Matched), Bytes(gap), end);
            return Fail(observed, TcpServerText.Bulk_Cause_Gap, TcpServerText.Bulk_Fix);
        }

        var described = Text(TcpServerText.Bulk_Observed, Bytes(Data.Length), EchoOutcome.Describe(Data, echo, stop, timeout));
        return comparison.Shape switch
        {
            EchoShape.Short when stop is ReadStop.Closed or ReadStop.Reset => Fail(described, TcpServerText.Bulk_Cause_Closed, TcpServerText.Bulk_Fix_Closed),
            EchoShape.Short => Fail(described, TcpServerText.Bulk_Cause_Stalled, TcpServerText.Bulk_Fix),
            _ => Fail(described, TcpServerText.Corrupt_Cause, TcpServerText.Corrupt_Fix),
        };
    }
}
