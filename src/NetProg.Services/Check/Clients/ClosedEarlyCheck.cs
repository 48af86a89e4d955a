namespace NetProg.Services.Check.Clients;

/// <summary>
/// <c>closed-early</c> (TCP): the test server accepts and closes without sending a byte (a FIN: the client's recv()
/// returns 0). The client must end — saying so, with a non-zero exit code — without garbage, a hang or a crash (an
/// echo client that sends to the closed connection twice gets SIGPIPE). Exit code 0 is a WARN: a script takes it for a
/// success.
/// </summary>
internal sealed class ClosedEarlyCheck : IClientCheck
{
    public string Id => CheckIds.ClosedEarly;

    public async Task<CheckResult> RunAsync(ClientCheckContext context, CancellationToken cancellationToken)
    {
        using var server = new TcpPlayServer();
        var port = server.EndPoint.Port;
        var echo = !CheckKinds.IsTime(context.Kind);
        ClientOutcome outcome;
        long sent;
        // An echo client has a line to send and its input stays open: it has to notice the close on the socket.
        await using (var client = await context.StartWithLineAsync(port, endInput: false, cancellationToken).ConfigureAwait(false))
        {
            var socket = await server.AcceptAsync(client, context.Timeout, cancellationToken).ConfigureAwait(false);
            if (socket is null)
            {
                return ClientVerdicts.NotConnected(Id, context, port, await client.FinishAsync(context.Timeout).ConfigureAwait(false));
            }

            TcpPlay.ShutdownSend(socket);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var drain = TcpPlay.DrainAsync(socket, null, stop.Token);
            var exited = await client.WaitForExitAsync(context.Timeout, cancellationToken).ConfigureAwait(false);
            if (!exited && echo)
            {
                // Still running: end its input too, so that a client waiting on the keyboard is not called hanging by that alone.
                client.CloseStdin();
                await client.WaitForExitAsync(ClientCheckContext.Grace, cancellationToken).ConfigureAwait(false);
            }

            outcome = await client.FinishAsync(context.Timeout).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            sent = await drain.ConfigureAwait(false);
        }

        var served = string.Format(CultureInfo.CurrentCulture, ClientCheckText.Server_ClosedEarly, ClientCheckContext.Bytes(sent));
        var observed = ClientVerdicts.Observed(served, outcome.Describe());
        return ClientVerdicts.Crash(Id, observed, outcome)
            ?? ClientVerdicts.Binary(Id, observed, outcome)
            ?? (!outcome.Exited ? CheckResult.Fail(Id, observed, ClientCheckText.ClosedEarly_Hang_Cause, ClientCheckText.ClosedEarly_Hang_Fix) : null)
            ?? (outcome.ExitedZero ? CheckResult.Warn(Id, observed, ClientCheckText.ClosedEarly_Exit0_Cause, ClientCheckText.ClosedEarly_Exit0_Fix) : null)
            ?? CheckResult.Pass(Id, observed);
    }
}
