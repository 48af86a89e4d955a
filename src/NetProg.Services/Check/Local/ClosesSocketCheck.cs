using NetProg.Diagnostics.Sockets;

namespace NetProg.Services.Check.Local;

/// <summary>
/// <c>closes-socket</c>: a few clients are served and close; then no socket of the server may stay in CLOSE_WAIT, the
/// state of a connection whose peer has sent its FIN while this side has not closed yet (RFC 9293 3.3.2). It stays
/// there as long as any process holds the socket: a fork server's parent that keeps its copy, or a server that never
/// calls close().
/// </summary>
internal sealed class ClosesSocketCheck : IServerCheck
{
    private const int Clients = 3;

    /// <summary>Polls (100 ms apart) with the same sockets in CLOSE_WAIT before they are taken as staying there.</summary>
    private const int StableSamples = 10;

    public string Id => CheckIds.ClosesSocket;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        if (LocalServer.Unavailable(context, Id, needsClient: true) is { } skip)
        {
            return skip;
        }

        var ours = new HashSet<IPEndPoint>();
        var forked = false;
        for (var i = 1; i <= Clients; i++)
        {
            using var exchange = await LocalClient.RunAsync(context, $"{Id} {i}", keepOpen: true, cancellationToken).ConfigureAwait(false);
            if (exchange.Socket is not { } socket)
            {
                return await LocalServer.NotServedAsync(context, Id, i, Clients, exchange.Problem, cancellationToken).ConfigureAwait(false);
            }

            // While the client is connected a fork server has a child serving it: that tells which of the two bugs it is.
            forked |= LocalServer.Processes(context).Count > 1;
            if (exchange.Local is { } local)
            {
                ours.Add(Normalize(local));
            }

            LocalClient.Close(socket);
        }

        // A server closes within moments of the client's FIN; one that has not closed any of them for a second while
        // nothing changes will not (bounded by the timeout either way).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<SocketEntry> stuck = [];
        var count = -1;
        var unchanged = 0;
        await LocalServer.WaitUntilAsync(
            () =>
            {
                stuck = CloseWait(context);
                unchanged = stuck.Count == count ? unchanged + 1 : 0;
                count = stuck.Count;
                return count == 0 || unchanged >= StableSamples;
            },
            context.Timeout,
            cancellationToken).ConfigureAwait(false);
        if (stuck.Count == 0)
        {
            return CheckResult.Pass(Id, string.Format(CultureInfo.CurrentCulture, LocalCheckText.ClosesSocket_Pass, Clients));
        }

        if (!context.ServerAlive())
        {
            return CheckResult.Skip(Id, CheckText.Skip_Exited);
        }

        var mine = stuck.Count(s => s.Remote is { } remote && ours.Contains(Normalize(remote)));
        return CheckResult.Fail(
            Id,
            string.Format(CultureInfo.CurrentCulture, LocalCheckText.ClosesSocket_Fail, Clients, stuck.Count, ServerChecker.Seconds(waited.Elapsed), mine),
            forked ? LocalCheckText.ClosesSocket_Cause_Fork : LocalCheckText.ClosesSocket_Cause,
            forked ? LocalCheckText.ClosesSocket_Fix_Fork : LocalCheckText.ClosesSocket_Fix);
    }

    private static List<SocketEntry> CloseWait(ServerCheckContext context) =>
        LocalServer.Sockets(context).Where(s => s.State == SocketStates.CloseWait).ToList();

    private static IPEndPoint Normalize(IPEndPoint endPoint) => NetProg.Transport.EndPointText.Normalize(endPoint);
}
