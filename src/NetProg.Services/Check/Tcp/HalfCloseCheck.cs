using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>half-close</c>: a line, then shutdown(SHUT_WR) (the client's FIN: "nothing more from me"). The line must come back
/// and the server must close: recv() returning 0 is the end of the stream (recv(2)). A server that ignores the 0 keeps
/// the connection open (and often loops at 100 % CPU); one that closes as soon as it sees it may drop the last bytes.
/// </summary>
internal sealed class HalfCloseCheck : TcpCheck
{
    private static readonly byte[] Message = "half-close: the last line before the FIN\n"u8.ToArray();

    public override string Id => CheckIds.HalfClose;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var probe = await ConnectAsync(context, Message.Length + EchoExchange.Slack, cancellationToken).ConfigureAwait(false);
        await probe.SendAsync(Message, context.Timeout, cancellationToken).ConfigureAwait(false);
        probe.ShutdownSend();
        var stop = await probe.ReadAsync(int.MaxValue, context.Timeout, cancellationToken).ConfigureAwait(false);
        var echo = probe.Received;
        var observed = Text(TcpServerText.HalfClose_Observed, Bytes(Message.Length), EchoOutcome.Describe(Message, echo, stop, context.Timeout));
        if (EchoComparison.Of(Message, echo).Shape == EchoShape.Exact)
        {
            observed += EchoOutcome.End(stop, echo.Length, context.Timeout);
            return stop switch
            {
                ReadStop.Closed => Pass(observed),
                ReadStop.Reset => Warn(observed, TcpServerText.HalfClose_Cause_Reset, TcpServerText.HalfClose_Fix_Reset),
                _ => Fail(observed, TcpServerText.HalfClose_Cause_Open, TcpServerText.HalfClose_Fix_Open),
            };
        }

        return EchoComparison.Of(Message, echo).Shape switch
        {
            EchoShape.Short when stop is ReadStop.Closed or ReadStop.Reset => Fail(observed, TcpServerText.HalfClose_Cause_Lost, TcpServerText.HalfClose_Fix_Lost),
            EchoShape.Short => Fail(observed, TcpServerText.Echo_Cause_Short, TcpServerText.Echo_Fix_Short),
            _ => Fail(observed, TcpServerText.Corrupt_Cause, TcpServerText.Corrupt_Fix),
        };
    }
}
