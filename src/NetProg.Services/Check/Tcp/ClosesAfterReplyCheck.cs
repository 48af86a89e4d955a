using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>closes-after-reply</c> (TCP time): the server closes the connection after sending the time. RFC 867 and RFC 868
/// say so ("the server closes the connection"), and a client that reads until the end of the stream (netprog time-client,
/// any client that loops on recv() until it returns 0) waits forever for a server that keeps it open.
/// </summary>
internal sealed class ClosesAfterReplyCheck : TcpCheck
{
    private const int MaxReply = 64 * 1024;

    public override string Id => CheckIds.ClosesAfterReply;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var probe = await ConnectAsync(context, MaxReply, cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var stop = await probe.ReadAsync(int.MaxValue, context.Timeout, cancellationToken).ConfigureAwait(false);
        var waited = ServerChecker.Seconds(context.Timeout);
        return (stop, probe.Count) switch
        {
            (ReadStop.Closed or ReadStop.Reset, > 0) =>
                Pass(Text(TcpServerText.Closes_Pass, Bytes(probe.Count), Elapsed(watch.Elapsed)) + (stop == ReadStop.Reset ? TcpServerText.Closes_Note_Reset : string.Empty)),
            (ReadStop.Closed or ReadStop.Reset, _) => Fail(TcpServerText.Time_NoByte + EchoOutcome.End(stop, 0, context.Timeout), TcpServerText.Time_Cause_ClosedEmpty, TcpServerText.Time_Fix_ClosedEmpty),
            (ReadStop.Full, _) => Fail(Text(TcpServerText.Time_Endless, Bytes(probe.Count), BytePreview.Of(probe.Received)), TcpServerText.Time_Cause_Endless, TcpServerText.Time_Fix_Endless),
            (_, > 0) => Fail(Text(TcpServerText.Closes_KeptOpen, Bytes(probe.Count), waited), TcpServerText.Closes_Cause, TcpServerText.Closes_Fix),
            _ => Fail(Text(TcpServerText.Closes_Nothing, waited), TcpServerText.Closes_Cause_Nothing, TcpServerText.Closes_Fix_Nothing),
        };
    }
}
