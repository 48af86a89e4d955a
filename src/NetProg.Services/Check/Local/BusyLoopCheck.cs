namespace NetProg.Services.Check.Local;

/// <summary>
/// <c>busy-loop</c>: after a client was served and left, the server should sleep in accept(), poll() or recvfrom().
/// Its CPU use is measured over about a second of that idle time. On Linux the time it was ready to run but waited for
/// a CPU counts too (schedstat), so a busy loop is seen as one on a loaded machine, where it gets only part of a core.
/// A first window above the mark is measured again: a runtime's start-up work (a JIT) ends, a busy loop does not.
/// </summary>
internal sealed class BusyLoopCheck : IServerCheck
{
    /// <summary>Generous: an idle server uses next to nothing, a busy loop wants a whole core.</summary>
    private const double Busy = 0.5;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public string Id => CheckIds.BusyLoop;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        if (LocalServer.Unavailable(context, Id, needsClient: true) is { } skip)
        {
            return skip;
        }

        using (var exchange = await LocalClient.RunAsync(context, Id, keepOpen: false, cancellationToken).ConfigureAwait(false))
        {
            if (!exchange.Served)
            {
                return await LocalServer.NotServedAsync(context, Id, 1, 1, exchange.Problem, cancellationToken).ConfigureAwait(false);
            }
        }

        var use = await MeasureAsync(context, cancellationToken).ConfigureAwait(false);
        if (use.Demand > Busy)
        {
            use = await MeasureAsync(context, cancellationToken).ConfigureAwait(false);
        }

        if (!context.ServerAlive())
        {
            return CheckResult.Skip(Id, CheckText.Skip_Exited);
        }

        var observed = string.Format(CultureInfo.CurrentCulture, LocalCheckText.BusyLoop_Observed, LocalServer.Percent(use.OnCpu), ServerChecker.Seconds(use.Wall))
            + (use.Ready is { } ready ? string.Format(CultureInfo.CurrentCulture, LocalCheckText.BusyLoop_Ready, LocalServer.Percent(ready)) : string.Empty);
        if (use.Demand <= Busy)
        {
            return CheckResult.Pass(Id, observed);
        }

        var udp = CheckKinds.IsUdp(context.Kind);
        return CheckResult.Fail(Id, observed, udp ? LocalCheckText.BusyLoop_Cause_Udp : LocalCheckText.BusyLoop_Cause_Tcp, udp ? LocalCheckText.BusyLoop_Fix_Udp : LocalCheckText.BusyLoop_Fix_Tcp);
    }

    /// <summary>CPU of the server's processes over one window; a process born meanwhile counts from its start.</summary>
    private static async Task<Usage> MeasureAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var probe = LocalServer.Probe;
        var before = LocalServer.Processes(context).Select(pid => (pid, use: probe.Cpu(pid))).Where(p => p.use is not null).ToDictionary(p => p.pid, p => p.use!.Value);
        var clock = Stopwatch.StartNew();
        await Task.Delay(Window, cancellationToken).ConfigureAwait(false);
        var spent = new CpuUse(TimeSpan.Zero, TimeSpan.Zero);
        foreach (var pid in LocalServer.Processes(context))
        {
            if (probe.Cpu(pid) is { } now)
            {
                spent += now - before.GetValueOrDefault(pid, new CpuUse(TimeSpan.Zero, now.Waiting is null ? null : TimeSpan.Zero));
            }
        }

        var wall = clock.Elapsed;
        return new Usage(spent.OnCpu / wall, (spent.OnCpu + spent.Waiting) / wall, wall);
    }

    /// <summary>The share of one core used, and (Linux) used or waited for: what it wanted.</summary>
    private readonly record struct Usage(double OnCpu, double? Ready, TimeSpan Wall)
    {
        public double Demand => Ready ?? OnCpu;
    }
}
