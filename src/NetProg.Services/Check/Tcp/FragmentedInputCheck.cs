using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>fragmented-input</c>: a line sent one byte at a time, with pauses, must come back whole. recv(2) returns what has
/// arrived so far, so a server that takes one recv() as the whole message echoes a single byte and stops or closes.
/// </summary>
internal sealed class FragmentedInputCheck : TcpCheck
{
    private static readonly byte[] Message = "one byte at a time\n"u8.ToArray();

    /// <summary>Long enough that each byte is a segment of its own and the server is waiting in recv() when it comes.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(40);

    public override string Id => CheckIds.FragmentedInput;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var probe = await ConnectAsync(context, Message.Length + EchoExchange.Slack, cancellationToken).ConfigureAwait(false);

        // Read while sending: a server that echoes the first byte and closes makes the next byte draw a reset, and what
        // came before it is then lost to a client that had not read it yet.
        var idle = context.Timeout + (Pause * Message.Length);
        var reading = probe.ReadAsync(Message.Length, idle, cancellationToken);
        for (var i = 0; i < Message.Length && !reading.IsCompleted; i++)
        {
            if (i > 0)
            {
                await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
            }

            // NoDelay is set on the probe, so each byte leaves in its own segment (no Nagle, RFC 896).
            if (!await probe.SendAsync(Message.AsMemory(i, 1), context.Timeout, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        var stop = await reading.ConfigureAwait(false);
        var echo = probe.Received;
        var observed = Text(TcpServerText.Fragmented_Observed, Bytes(Message.Length), Pause.TotalMilliseconds, EchoOutcome.Describe(Message, echo, stop, idle));
        return EchoComparison.Of(Message, echo).Shape switch
        {
            EchoShape.Exact => Pass(observed),
            EchoShape.Short => Fail(observed, TcpServerText.Fragmented_Cause, TcpServerText.Fragmented_Fix),
            _ => Fail(observed, TcpServerText.Corrupt_Cause, TcpServerText.Corrupt_Fix),
        };
    }
}
