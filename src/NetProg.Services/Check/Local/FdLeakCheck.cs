using System.Globalization;

namespace NetProg.Services.Check.Local;

/// <summary>
/// <c>fd-leak</c>: the server's descriptors are counted, 200 short clients are served one after the other, and the
/// count must come back to where it was: accept(2) gives a new descriptor per client, and only close(2) gives it back.
/// A leak of one per client ends in EMFILE once the limit (RLIMIT_NOFILE, 1,024 by default) is reached.
/// </summary>
internal sealed class FdLeakCheck : IServerCheck
{
    private const int Clients = 200;

    /// <summary>A quarter of the clients: far above what a runtime opens and closes by itself, far below one per client.</summary>
    private const int Leak = Clients / 4;

    private const int StableSamples = 3;

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

        for (var i = 1; i <= Clients; i++)
        {
            using var exchange = await LocalClient.RunAsync(context, $"{Id} {i}", keepOpen: false, cancellationToken).ConfigureAwait(false);
            if (!exchange.Served)
            {
                return await LocalServer.NotServedAsync(context, Id, i, Clients, exchange.Problem, cancellationToken).ConfigureAwait(false);
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
