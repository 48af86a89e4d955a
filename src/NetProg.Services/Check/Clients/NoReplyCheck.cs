namespace NetProg.Services.Check.Clients;

/// <summary>
/// <c>no-reply</c>: the test server accepts the connection (TCP) or receives the datagram (UDP) and never answers, nor
/// closes. The client must give up by itself — a receive timeout — within the timeout from its request (plus
/// <see cref="ClientCheckContext.Grace"/>); still waiting then, it is stopped. Over UDP that is a FAIL "no timeout": a
/// datagram or its reply lost on the way (UDP does not retransmit) hangs such a client for ever on any network. Over TCP
/// it is a WARN: the connection was made, the server is there, and the kernel retransmits what is lost, so only a hung
/// server (or a firewall that dropped the connection) hangs the client — the course's own TCP clients block in recv()
/// as nc and telnet do. An echo client's input is one line and its end (<c>echo hello | ./client</c>), so that what it
/// waits for is the echo, not more input.
/// </summary>
internal sealed class NoReplyCheck : IClientCheck
{
    public string Id => CheckIds.NoReply;

    public async Task<CheckResult> RunAsync(ClientCheckContext context, CancellationToken cancellationToken)
    {
        var echo = !CheckKinds.IsTime(context.Kind);
        var (served, outcome, gaveUpAfter, port) = context.Udp
            ? await SilentUdpAsync(context, cancellationToken).ConfigureAwait(false)
            : await SilentTcpAsync(context, echo, cancellationToken).ConfigureAwait(false);
        if (served is null)
        {
            return ClientVerdicts.NotConnected(Id, context, port, outcome);
        }

        var parts = new List<string> { served };
        if (outcome.Exited)
        {
            parts.Add(string.Format(CultureInfo.CurrentCulture, ClientCheckText.NoReply_GaveUp_Part, ClientCheckContext.Seconds(gaveUpAfter)));
        }

        parts.Add(outcome.Describe());
        var observed = ClientVerdicts.Observed([.. parts]);
        return ClientVerdicts.Crash(Id, observed, outcome)
            ?? ClientVerdicts.Binary(Id, observed, outcome)
            ?? (!outcome.Exited && context.Udp ? CheckResult.Fail(Id, observed, ClientCheckText.NoReply_Udp_Cause, ClientCheckText.NoReply_Fix) : null)
            ?? (!outcome.Exited ? CheckResult.Warn(Id, observed, ClientCheckText.NoReply_Tcp_Cause, ClientCheckText.NoReply_Fix) : null)
            ?? (outcome.ExitedZero ? CheckResult.Warn(Id, observed, ClientCheckText.NoReply_Exit0_Cause, ClientCheckText.NoReply_Exit0_Fix) : null)
            ?? CheckResult.Pass(Id, observed);
    }

    private static async Task<(string? Served, ClientOutcome Outcome, TimeSpan GaveUpAfter, int Port)> SilentTcpAsync(ClientCheckContext context, bool echo, CancellationToken cancellationToken)
    {
        using var server = new TcpPlayServer();
        var port = server.EndPoint.Port;
        await using var client = await context.StartWithLineAsync(port, endInput: true, cancellationToken).ConfigureAwait(false);

        var socket = await server.AcceptAsync(client, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            return (null, await client.FinishAsync(context.Timeout).ConfigureAwait(false), TimeSpan.Zero, port);
        }

        var since = Stopwatch.StartNew();
        var request = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var drain = TcpPlay.DrainAsync(socket, request, stop.Token);
        if (echo)
        {
            // The client's clock starts when it has sent its line: so does ours.
            await ClientWait.ForAsync(request.Task, client, context.Timeout, cancellationToken).ConfigureAwait(false);
            since.Restart();
        }

        var (outcome, gaveUpAfter) = await WaitAsync(context, client, since, cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        var received = await drain.ConfigureAwait(false);
        var served = string.Format(CultureInfo.CurrentCulture, echo ? ClientCheckText.Server_Silent_TcpEcho : ClientCheckText.Server_Silent_TcpTime, ClientCheckContext.Bytes(received), ClientPreview.Quote(Encoding.UTF8.GetBytes(ClientCheckContext.EchoLine)));
        return (served, outcome, gaveUpAfter, port);
    }

    private static async Task<(string? Served, ClientOutcome Outcome, TimeSpan GaveUpAfter, int Port)> SilentUdpAsync(ClientCheckContext context, CancellationToken cancellationToken)
    {
        using var server = new UdpPlayServer();
        var port = server.EndPoint.Port;
        await using var client = await context.StartWithLineAsync(port, endInput: true, cancellationToken).ConfigureAwait(false);

        var first = await server.ReceiveAsync(client, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return (null, await client.FinishAsync(context.Timeout).ConfigureAwait(false), TimeSpan.Zero, port);
        }

        // Later datagrams (a client that sends again) are received and dropped like the first, by leaving them queued.
        var (outcome, gaveUpAfter) = await WaitAsync(context, client, Stopwatch.StartNew(), cancellationToken).ConfigureAwait(false);
        var served = string.Format(CultureInfo.CurrentCulture, ClientCheckText.Server_Silent_Udp, ClientPreview.Quote(first.Data), ClientCheckContext.Bytes(first.Data.Length));
        return (served, outcome, gaveUpAfter, port);
    }

    private static async Task<(ClientOutcome Outcome, TimeSpan GaveUpAfter)> WaitAsync(ClientCheckContext context, ClientRun client, Stopwatch since, CancellationToken cancellationToken)
    {
        var wait = context.Timeout + ClientCheckContext.Grace;
        await client.WaitForExitAsync(wait - since.Elapsed, cancellationToken).ConfigureAwait(false);
        var gaveUpAfter = since.Elapsed;
        return (await client.FinishAsync(wait).ConfigureAwait(false), gaveUpAfter);
    }
}
