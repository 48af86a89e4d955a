namespace NetProg.Services.Check.Local;

/// <summary>
/// <c>fd-leak</c>: the server's descriptors are counted, 200 short clients are served, four at a time,, and the
/// count must come back to where it was: accept(2) gives a new descriptor per client, and only close(2) gives it back.
/// A leak of one per client ends in EMFILE once the limit (RLIMIT_NOFILE, 1,024 by default) is reached.
/// </summary>
internal sealed class FdLeakCheck : IServerCheck
{
    private const int Clients = 200;

    /// <summary>A quarter of the clients: far above what a runtime opens and closes by itself, far below one per client.</summary>
    private const int Leak = Clients / 4;

    private const int StableSamples = 3;

    /// <summary>
    /// Clients served at the same time: a time server that keeps each connection open costs every client a moment of
    /// quiet before it gives up waiting for the close, and 200 of those one after the other would use most of the
    /// target's time. Four fit in the accept queue of any listen(2) backlog a student writes (5 in the course).
    /// </summary>
    private const int AtOnce = 4;

    public string Id => CheckIds.FdLeak;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        if (LocalServer.Unavailable(context, Id, needsClient: true) is { } skip)
        {
            return skip;
        }

        if (LocalServer.Probe.NoDescriptors is { } why)
        {
            return CheckResult.Skip(Id, why);
        }

        if (LocalServer.Descriptors(LocalServer.Processes(context)) is not { } before)
        {
            return CheckResult.Skip(Id, LocalCheckText.FdLeak_Hidden);
        }

        for (var first = 1; first <= Clients; first += AtOnce)
        {
            var batch = Enumerable.Range(first, Math.Min(AtOnce, Clients - first + 1))
                .Select(i => LocalClient.RunAsync(context, $"{Id} {i}", keepOpen: false, cancellationToken))
                .ToArray();
            var exchanges = await Task.WhenAll(batch).ConfigureAwait(false);
            var unserved = Array.FindIndex(exchanges, e => !e.Served);
            var problem = unserved < 0 ? null : exchanges[unserved].Problem;
            foreach (var exchange in exchanges)
            {
                exchange.Dispose();
            }

            if (unserved >= 0)
            {
                // One more try, alone: among 200 clients on a loaded machine one may starve past the timeout (a server of
                // one process per client forks 200 times). A server that has run out of descriptors, or stopped, fails
                // again; a leak this check is about shows in the count, not here.
                using var again = await LocalClient.RunAsync(context, $"{Id} {first + unserved}", keepOpen: false, cancellationToken).ConfigureAwait(false);
                if (!again.Served)
                {
                    return await LocalServer.NotServedAsync(context, Id, first + unserved, Clients, again.Problem ?? problem, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // Back where it was, or no longer moving (a fork server's last children have exited, or a leak stays).
        var after = before;
        int? last = null;
        var stable = 0;
        await LocalServer.WaitUntilAsync(
            () =>
            {
                after = LocalServer.Descriptors(LocalServer.Processes(context)) ?? after;
                stable = after == last ? stable + 1 : 0;
                last = after;
                return after <= before || stable >= StableSamples;
            },
            context.Timeout,
            cancellationToken).ConfigureAwait(false);

        if (!context.ServerAlive())
        {
            return CheckResult.Skip(Id, CheckText.Skip_Exited);
        }

        var growth = after - before;
        return growth >= Leak
            ? CheckResult.Fail(Id, string.Format(CultureInfo.CurrentCulture, LocalCheckText.FdLeak_Fail, Clients, before, after, growth), LocalCheckText.FdLeak_Cause, LocalCheckText.FdLeak_Fix)
            : CheckResult.Pass(Id, string.Format(CultureInfo.CurrentCulture, LocalCheckText.FdLeak_Pass, Clients, before, after));
    }
}
