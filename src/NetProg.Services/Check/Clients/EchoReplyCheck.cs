namespace NetProg.Services.Check.Clients;

/// <summary>
/// <c>basic</c>, <c>fragmented-reply</c>, <c>long-reply</c>, <c>echo-eof</c> of an echo client: the client gets one
/// line on stdin, the test server echoes it (RFC 862) — at once, in three pieces, or held back — and the client must
/// print it whole and exit 0 at the end of its input.
/// </summary>
internal sealed class EchoReplyCheck(string id) : IClientCheck
{
    /// <summary>1,000 bytes of digits, which no prompt ("Input : ", "Echo : ") contains, so its pieces can be told from the client's own words.</summary>
    internal static readonly string LongLine = string.Concat(Enumerable.Range(0, 999).Select(i => (char)('0' + (i % 10)))) + "\n";

    public string Id => id;

    private string Line => Id switch
    {
        CheckIds.FragmentedReply => "fragmented reply from netprog\n",
        CheckIds.LongReply => LongLine,
        CheckIds.EchoEof => "the last line before the end of input\n",
        _ => ClientCheckContext.EchoLine,
    };

    private EchoStyle Style => Id switch
    {
        CheckIds.FragmentedReply => EchoStyle.Pieces,
        CheckIds.EchoEof => EchoStyle.Held,
        _ => EchoStyle.Immediate,
    };

    public async Task<CheckResult> RunAsync(ClientCheckContext context, CancellationToken cancellationToken)
    {
        var line = Line;
        var visible = Encoding.UTF8.GetBytes(line.TrimEnd('\n'));
        var (play, outcome, port) = await ServeAsync(context, line, visible, cancellationToken).ConfigureAwait(false);
        if (play is null)
        {
            return ClientVerdicts.NotConnected(Id, context, port, outcome);
        }

        var observed = ClientVerdicts.Observed(Served(context, play, line), outcome.Describe());
        if (ClientVerdicts.Crash(Id, observed, outcome) is { } crash)
        {
            return crash;
        }

        // Over TCP a client sends its input once: twice as much or more is its last line sent again after the end of its
        // input (fgets() returning NULL not looked at), however the run ended. (A UDP client may send a datagram again when
        // no reply came in time: that is a retry, not this bug.)
        var input = Encoding.UTF8.GetByteCount(line);
        if (!context.Udp && play.Received >= 2L * input)
        {
            var extra = string.Format(CultureInfo.CurrentCulture, ClientCheckText.Extra_Part, ClientCheckContext.Bytes(play.Received), ClientCheckContext.Bytes(input));
            return CheckResult.Fail(Id, ClientVerdicts.Observed(observed, extra), ClientCheckText.Extra_Cause, ClientCheckText.EchoHang_Fix);
        }

        if (!outcome.Exited)
        {
            return CheckResult.Fail(Id, observed, context.Udp ? ClientCheckText.EchoHang_Udp_Cause : ClientCheckText.EchoHang_Tcp_Cause, ClientCheckText.EchoHang_Fix);
        }

        if (ClientOutput.Contains(outcome.Stdout, visible))
        {
            return outcome.ExitCode == 0 || Id is CheckIds.FragmentedReply or CheckIds.LongReply
                ? CheckResult.Pass(Id, observed)
                : CheckResult.Fail(Id, observed, ClientCheckText.ExitNonZero_Echo_Cause, ClientCheckText.ExitNonZero_Fix);
        }

        if (play.Received == 0)
        {
            return CheckResult.Fail(Id, observed, ClientCheckText.NotSent_Cause, ClientCheckText.NotSent_Fix);
        }

        if (Id == CheckIds.EchoEof && play.ExitedBeforeEcho)
        {
            return CheckResult.Fail(Id, ClientVerdicts.Observed(observed, ClientCheckText.EchoEof_Part), ClientCheckText.EchoEof_Cause, ClientCheckText.EchoEof_Fix);
        }

        if (Id == CheckIds.LongReply)
        {
            return LongReplyVerdict(context, observed, outcome, visible);
        }

        var prefix = ClientOutput.PrintedPrefix(outcome.Stdout, visible);
        var part = string.Format(CultureInfo.CurrentCulture, ClientCheckText.Printed_Part, ClientCheckContext.Bytes(prefix), ClientCheckContext.Bytes(visible.Length));
        return Id == CheckIds.FragmentedReply && play.FirstPiece > 0 && prefix >= play.FirstPiece
            ? CheckResult.Fail(Id, ClientVerdicts.Observed(observed, part), ClientCheckText.OneRecv_Cause, ClientCheckText.OneRecv_Echo_Fix)
            : CheckResult.Fail(Id, ClientVerdicts.Observed(observed, part), ClientCheckText.NoEcho_Cause, ClientCheckText.NoEcho_Fix);
    }

    private CheckResult LongReplyVerdict(ClientCheckContext context, string observed, ClientOutcome outcome, byte[] visible)
    {
        var pieces = ClientOutput.Pieces(outcome.Stdout, visible);
        if (pieces.Printed == visible.Length)
        {
            var part = string.Format(CultureInfo.CurrentCulture, ClientCheckText.Long_InPieces_Part, pieces.Pieces);
            return CheckResult.Fail(Id, ClientVerdicts.Observed(observed, part), ClientCheckText.Long_InPieces_Cause, context.Udp ? ClientCheckText.Long_InPieces_Udp_Fix : ClientCheckText.Long_InPieces_Tcp_Fix);
        }

        var cut = string.Format(CultureInfo.CurrentCulture, ClientCheckText.Long_Cut_Part, ClientCheckContext.Bytes(pieces.Printed), ClientCheckContext.Bytes(visible.Length));
        return context.Udp
            ? CheckResult.Fail(Id, ClientVerdicts.Observed(observed, cut), ClientCheckText.Long_Cut_Udp_Cause, ClientCheckText.Long_Cut_Udp_Fix)
            : CheckResult.Fail(Id, ClientVerdicts.Observed(observed, cut), ClientCheckText.Long_Cut_Tcp_Cause, ClientCheckText.Long_Cut_Tcp_Fix);
    }

    private string Served(ClientCheckContext context, EchoPlay play, string line)
    {
        var sent = ClientPreview.Quote(Encoding.UTF8.GetBytes(line));
        var received = ClientPreview.Quote(play.FirstReceived);
        var format = Style switch
        {
            EchoStyle.Pieces => ClientCheckText.Server_EchoPieces,
            EchoStyle.Held => ClientCheckText.Server_EchoHeld,
            _ => context.Udp ? ClientCheckText.Server_EchoUdp : ClientCheckText.Server_Echo,
        };
        return string.Format(
            CultureInfo.CurrentCulture,
            format,
            sent,
            received,
            ClientCheckContext.Bytes(play.Received),
            ClientCheckContext.Bytes(play.Echoed),
            ClientCheckContext.Seconds(Style == EchoStyle.Held ? EchoPlay.HoldBack : EchoPlay.PiecePause),
            play is UdpEchoPlay udp ? udp.Datagrams : 0);
    }

    /// <summary>
    /// Plays the echo server of the check's protocol: starts the client, feeds it its line, takes its connection (TCP) or
    /// first datagram (UDP) and echoes until the client's run is over. No play when the client never connected or sent.
    /// </summary>
    private async Task<(EchoPlay? Play, ClientOutcome Outcome, int Port)> ServeAsync(ClientCheckContext context, string line, byte[] visible, CancellationToken cancellationToken)
    {
        using var tcp = context.Udp ? null : new TcpPlayServer();
        using var udp = context.Udp ? new UdpPlayServer() : null;
        var port = tcp?.EndPoint.Port ?? udp!.EndPoint.Port;
        await using var client = context.Start(port);
        await FeedAsync(client, line, cancellationToken).ConfigureAwait(false);
        EchoPlay? play = null;
        Func<CancellationToken, Task>? serve = null;
        if (tcp is not null && await tcp.AcceptAsync(client, context.Timeout, cancellationToken).ConfigureAwait(false) is { } socket)
        {
            var tcpPlay = new TcpEchoPlay(Style, line.Length, client);
            (play, serve) = (tcpPlay, token => tcpPlay.RunAsync(socket, token));
        }
        else if (udp is not null && await udp.ReceiveAsync(client, context.Timeout, cancellationToken).ConfigureAwait(false) is { } first)
        {
            var udpPlay = new UdpEchoPlay(Style, line.Length, client);
            (play, serve) = (udpPlay, token => udpPlay.RunAsync(udp, first, context.Timeout, token));
        }

        if (play is null || serve is null)
        {
            return (null, await client.FinishAsync(context.Timeout).ConfigureAwait(false), port);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = serve(stop.Token);
        var outcome = await EndInputAsync(context, client, play, visible, cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await serving.ConfigureAwait(false);
        return (play, outcome, port);
    }

    /// <summary>
    /// The line goes to stdin before the client connects (a client may read its input first); for echo-eof the input
    /// ends with it, as with <c>echo line | ./client</c>.
    /// </summary>
    private async Task FeedAsync(ClientRun client, string line, CancellationToken cancellationToken)
    {
        await client.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        if (Id == CheckIds.EchoEof)
        {
            client.CloseStdin();
        }
    }

    /// <summary>
    /// Ends the client's input once it has had its chance to print the echo — basic: once the echo is in its output;
    /// fragmented and long: once all of it was echoed and a moment more — then waits for it to exit.
    /// </summary>
    private async Task<ClientOutcome> EndInputAsync(ClientCheckContext context, ClientRun client, EchoPlay play, byte[] visible, CancellationToken cancellationToken)
    {
        if (Id == CheckIds.Basic)
        {
            await client.WaitForOutputAsync(visible, context.Timeout, cancellationToken).ConfigureAwait(false);
        }
        else if (Id != CheckIds.EchoEof)
        {
            await ClientWait.ForAsync(play.EchoedAll, client, context.Timeout, cancellationToken).ConfigureAwait(false);
            await client.WaitForOutputAsync(visible, context.SettleTime, cancellationToken).ConfigureAwait(false);
        }

        client.CloseStdin();
        await client.WaitForExitAsync(context.Timeout, cancellationToken).ConfigureAwait(false);
        return await client.FinishAsync(context.Timeout).ConfigureAwait(false);
    }
}
