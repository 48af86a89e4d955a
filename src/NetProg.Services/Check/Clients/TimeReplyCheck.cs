using NetProg.Protocols.Time;

namespace NetProg.Services.Check.Clients;

/// <summary>
/// <c>basic</c>, <c>fragmented-reply</c>, <c>with-nul</c>, <c>without-nul</c> of a time client: the test server sends
/// the current time as ctime() text and closes (TCP), or answers the client's datagram with it (UDP). The reply is the
/// course server's (the text and its terminating NUL, strlen + 1 bytes) except for without-nul (the text alone, as RFC
/// 867 daytime servers send it) and fragmented-reply (in three pieces, TCP only).
/// </summary>
internal sealed class TimeReplyCheck(string id) : IClientCheck
{
    /// <summary>Datagrams answered at most: a client that floods the server is not answered forever.</summary>
    private const int MaxAnswers = 16;

    public string Id => id;

    public async Task<CheckResult> RunAsync(ClientCheckContext context, CancellationToken cancellationToken)
    {
        var text = TimeFormatter.Format(TimeFormat.Ctime, DateTimeOffset.Now);
        var reply = id == CheckIds.WithoutNul ? text : [.. text, 0];
        var visible = text[..^1];
        var firstPiece = reply.Length / 3;
        var (served, outcome, port) = context.Udp
            ? await ServeUdpAsync(context, reply, cancellationToken).ConfigureAwait(false)
            : await ServeTcpAsync(context, reply, cancellationToken).ConfigureAwait(false);
        if (served is null)
        {
            return ClientVerdicts.NotConnected(Id, context, port, outcome);
        }

        var observed = ClientVerdicts.Observed(served, outcome.Describe());
        if (ClientVerdicts.Crash(Id, observed, outcome) is { } crash)
        {
            return crash;
        }

        if (!outcome.Exited)
        {
            return CheckResult.Fail(Id, observed, context.Udp ? ClientCheckText.TimeHang_Udp_Cause : ClientCheckText.TimeHang_Tcp_Cause, context.Udp ? ClientCheckText.TimeHang_Udp_Fix : ClientCheckText.TimeHang_Tcp_Fix);
        }

        var printed = ClientOutput.Contains(outcome.Stdout, visible);
        if (!printed)
        {
            var prefix = ClientOutput.PrintedPrefix(outcome.Stdout, visible);
            var part = string.Format(CultureInfo.CurrentCulture, ClientCheckText.Printed_Part, ClientCheckContext.Bytes(prefix), ClientCheckContext.Bytes(visible.Length));
            return Id == CheckIds.FragmentedReply && prefix >= firstPiece
                ? CheckResult.Fail(Id, ClientVerdicts.Observed(observed, part), ClientCheckText.OneRecv_Cause, ClientCheckText.OneRecv_Time_Fix)
                : CheckResult.Fail(Id, ClientVerdicts.Observed(observed, prefix > 0 ? part : ClientCheckText.Printed_NoTime), ClientCheckText.NoTime_Cause, ClientCheckText.NoTime_Fix);
        }

        if (Id == CheckIds.Basic && outcome.ExitCode != 0)
        {
            return CheckResult.Fail(Id, observed, ClientCheckText.ExitNonZero_Time_Cause, ClientCheckText.ExitNonZero_Fix);
        }

        if (Id is CheckIds.WithNul or CheckIds.WithoutNul && ClientOutput.AfterTime(outcome.Stdout, visible, Id == CheckIds.WithNul) is { } tail)
        {
            if (tail.HasGarbage)
            {
                var part = string.Format(CultureInfo.CurrentCulture, ClientCheckText.Garbage_Part, ClientCheckContext.Bytes(tail.Garbage.Length), ClientPreview.Quote(tail.Garbage));
                return CheckResult.Fail(Id, ClientVerdicts.Observed(observed, part), ClientCheckText.Garbage_Cause, ClientCheckText.Garbage_Fix);
            }

            if (tail.NulPrinted)
            {
                return CheckResult.Warn(Id, ClientVerdicts.Observed(observed, ClientCheckText.Nul_Part), ClientCheckText.Nul_Cause, ClientCheckText.Nul_Fix);
            }
        }

        return CheckResult.Pass(Id, observed);
    }

    private async Task<(string? Served, ClientOutcome Outcome, int Port)> ServeTcpAsync(ClientCheckContext context, byte[] reply, CancellationToken cancellationToken)
    {
        using var server = new TcpPlayServer();
        var port = server.EndPoint.Port;
        await using var client = context.Start(port);
        var socket = await server.AcceptAsync(client, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            return (null, await client.FinishAsync(context.Timeout).ConfigureAwait(false), port);
        }

        // Whatever the client sends (RFC 867: the server ignores it) is read, so that our close is a FIN, not a RST.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var drain = TcpPlay.DrainAsync(socket, null, stop.Token);
        string served;
        if (Id == CheckIds.FragmentedReply)
        {
            var cuts = new[] { 0, reply.Length / 3, 2 * reply.Length / 3, reply.Length };
            var pieces = 0;
            for (; pieces < 3; pieces++)
            {
                if ((pieces > 0 && await client.WaitForExitAsync(EchoPlay.PiecePause, cancellationToken).ConfigureAwait(false))
                    || !await TcpPlay.SendAsync(socket, reply.AsMemory(cuts[pieces], cuts[pieces + 1] - cuts[pieces]), cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }

            served = string.Format(
                CultureInfo.CurrentCulture,
                pieces == 3 ? ClientCheckText.Server_TimePieces : ClientCheckText.Server_TimePiecesCut,
                ClientPreview.Quote(reply),
                ClientCheckContext.Seconds(EchoPlay.PiecePause),
                pieces);
        }
        else
        {
            var sent = await TcpPlay.SendAsync(socket, reply, cancellationToken).ConfigureAwait(false);
            served = string.Format(CultureInfo.CurrentCulture, sent ? ClientCheckText.Server_Time : ClientCheckText.Server_TimeNotSent, ClientPreview.Quote(reply), ClientCheckContext.Bytes(reply.Length));
        }

        TcpPlay.ShutdownSend(socket);
        await client.WaitForExitAsync(context.Timeout, cancellationToken).ConfigureAwait(false);
        var outcome = await client.FinishAsync(context.Timeout).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await drain.ConfigureAwait(false);
        return (served, outcome, port);
    }

    private static async Task<(string? Served, ClientOutcome Outcome, int Port)> ServeUdpAsync(ClientCheckContext context, byte[] reply, CancellationToken cancellationToken)
    {
        using var server = new UdpPlayServer();
        var port = server.EndPoint.Port;
        await using var client = context.Start(port);
        var first = await server.ReceiveAsync(client, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return (null, await client.FinishAsync(context.Timeout).ConfigureAwait(false), port);
        }

        // Every datagram is answered (RFC 867/868), also one the client sends again, until it exits.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answering = AnswerAsync(server, client, first, reply, context.Timeout, stop.Token);
        await client.WaitForExitAsync(context.Timeout, cancellationToken).ConfigureAwait(false);
        var outcome = await client.FinishAsync(context.Timeout).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        var answers = await answering.ConfigureAwait(false);
        var served = string.Format(
            CultureInfo.CurrentCulture, ClientCheckText.Server_TimeUdp, ClientPreview.Quote(first.Data), ClientPreview.Quote(reply), ClientCheckContext.Bytes(reply.Length), answers);
        return (served, outcome, port);
    }

    private static async Task<int> AnswerAsync(UdpPlayServer server, ClientRun client, UdpDatagram first, byte[] reply, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answers = 0;
        try
        {
            for (var datagram = first; datagram is not null && answers < MaxAnswers; datagram = await server.ReceiveAsync(client, timeout, cancellationToken).ConfigureAwait(false))
            {
                await server.SendAsync(reply, datagram.From, cancellationToken).ConfigureAwait(false);
                answers++;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        return answers;
    }
}
