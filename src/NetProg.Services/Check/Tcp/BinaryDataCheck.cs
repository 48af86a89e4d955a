using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>binary-data</c>: a line with a NUL byte, control bytes and bytes that are no valid UTF-8 must come back exactly.
/// strlen(), printf("%s") and fputs() end a C string at the first NUL; fgets() on a text stream or a conversion changes
/// bytes. An echo server echoes bytes, not strings.
/// </summary>
internal sealed class BinaryDataCheck : TcpCheck
{
    private static readonly byte[] Message = EchoPayloads.Binary();

    public override string Id => CheckIds.BinaryData;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var probe = await ConnectAsync(context, Message.Length + EchoExchange.Slack, cancellationToken).ConfigureAwait(false);
        var (echo, stop) = await EchoExchange.RoundTripAsync(probe, Message, context.Timeout, cancellationToken, EchoExchange.ExtraGrace).ConfigureAwait(false);
        var observed = Text(TcpServerText.Binary_Observed, Bytes(Message.Length), BytePreview.Of(Message), EchoOutcome.Describe(Message, echo, stop, context.Timeout));
        if (EchoComparison.StopsAtNul(Message, echo))
        {
            return Fail(observed, TcpServerText.Binary_Cause_Nul, TcpServerText.Binary_Fix);
        }

        return EchoComparison.Of(Message, echo).Shape switch
        {
            EchoShape.Exact => Pass(observed),
            EchoShape.Differs => Fail(observed, TcpServerText.Binary_Cause_Changed, TcpServerText.Binary_Fix),
            EchoShape.Short => Fail(observed, TcpServerText.Echo_Cause_Short, TcpServerText.Echo_Fix_Short),
            _ => Fail(observed, TcpServerText.Corrupt_Cause, TcpServerText.Corrupt_Fix),
        };
    }
}
