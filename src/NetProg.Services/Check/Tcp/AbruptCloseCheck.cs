using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>abrupt-close</c>: a client floods the server without reading until the server is stuck in send(), then vanishes
/// with a reset (SO_LINGER 0 and close(), socket(7)); the next client must still be served. After the reset the
/// server's send() fails with ECONNRESET, and a send() after that raises SIGPIPE, whose default action ends the process
/// (send(2), signal(7)). A server that exits on the error, or dies of SIGPIPE, serves nobody any more.
/// </summary>
internal sealed class AbruptCloseCheck : TcpCheck
{
    private const int SigPipe = 13;
    private const int FloodLimit = 16 * 1024 * 1024;

    private static readonly byte[] Chunk = EchoPayloads.NumberedLines(1024);
    private static readonly byte[] Next = "the next client, after a reset\n"u8.ToArray();

    /// <summary>A send that does not finish within this has filled every buffer on the way: the server waits in send().</summary>
    private static readonly TimeSpan Stalled = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan StderrDrain = TimeSpan.FromSeconds(1);

    public override string Id => CheckIds.AbruptClose;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        long flooded = 0;
        using (var flood = await ConnectAsync(context, EchoExchange.Slack, cancellationToken, slowReader: true).ConfigureAwait(false))
        {
            while (flooded < FloodLimit && await flood.SendAsync(Chunk, Stalled, cancellationToken).ConfigureAwait(false))
            {
                flooded += Chunk.Length;
            }

            flood.ResetConnection();
        }

        string nextClient;
        bool refused;
        try
        {
            using var probe = await ConnectAsync(context, Next.Length + EchoExchange.Slack, cancellationToken).ConfigureAwait(false);
            var (echo, stop) = await EchoExchange.RoundTripAsync(probe, Next, context.Timeout, cancellationToken).ConfigureAwait(false);
            if (EchoComparison.Of(Next, echo).Shape == EchoShape.Exact)
            {
                return Pass(Text(TcpServerText.Abrupt_Pass, Bytes(flooded)));
            }

            nextClient = EchoOutcome.Describe(Next, echo, stop, context.Timeout);
            refused = echo.Length == 0 && stop is ReadStop.Closed or ReadStop.Reset;
        }
        catch (ProbeException e)
        {
            nextClient = e.Message;
            refused = true;
        }

        var observed = Text(TcpServerText.Abrupt_Observed, Bytes(flooded), nextClient);
        var program = context.Program;
        // Turned away: the process is going (its listening socket closed with it). Answered, even wrongly: it lives.
        if (program is not null && refused && await program.WaitForExitAsync(context.Timeout, cancellationToken).ConfigureAwait(false))
        {
            // The process is gone; its last stderr bytes may still be in the pipe: wait (bounded) for the stream's end.
            await program.Stderr.WaitForAsync(_ => false, StderrDrain, cancellationToken).ConfigureAwait(false);
            var lastWords = program.Stderr.LastLines(1) is [var line] && line.Length > 0
                ? Text(TcpServerText.Abrupt_LastWords, BytePreview.Of(Encoding.UTF8.GetBytes(line), 60))
                : string.Empty;
            if (program.Signal == SigPipe)
            {
                return Fail(observed + TcpServerText.Abrupt_Sigpipe, TcpServerText.Abrupt_Cause_Sigpipe, TcpServerText.Abrupt_Fix);
            }

            var how = program.Signal is { } signal ? Text(TcpServerText.Abrupt_Signal, signal) : Text(TcpServerText.Abrupt_Exited, program.ExitCode);
            return Fail(observed + how + lastWords, TcpServerText.Abrupt_Cause_Exit, TcpServerText.Abrupt_Fix);
        }

        return context.ServerAlive()
            ? Fail(observed, TcpServerText.Abrupt_Cause_Stuck, TcpServerText.Abrupt_Fix)
            : Fail(observed + TcpServerText.Abrupt_Gone, TcpServerText.Abrupt_Cause, TcpServerText.Abrupt_Fix);
    }
}
