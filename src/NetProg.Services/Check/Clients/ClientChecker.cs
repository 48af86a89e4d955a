namespace NetProg.Services.Check.Clients;

/// <summary>
/// Checks a client program: netprog plays a deliberately awkward but RFC-correct server — a fresh one on 127.0.0.1 and
/// an ephemeral port for each check — starts the client against it and judges what it printed and how it ended. The
/// checks run one after the other, each bounded, all within <see cref="ClientCheckRequest.TargetBudget"/>; every run of
/// the client is stopped before its check returns.
/// </summary>
public static class ClientChecker
{
    /// <summary>On top of four timeouts per check: stopping the client and draining its output are not its waits.</summary>
    private static readonly TimeSpan CheckOverhead = TimeSpan.FromSeconds(5);

    public static async Task<CheckReport> RunAsync(ClientCheckRequest request, CancellationToken cancellationToken)
    {
        var context = new ClientCheckContext(request);
        var checks = Registry(request.Kind);
        var budget = Stopwatch.StartNew();
        var results = new List<CheckResult>();
        foreach (var id in CheckIds.For(request.Kind).Where(request.Options.Wants))
        {
            var left = request.TargetBudget - budget.Elapsed;
            results.Add(left <= TimeSpan.Zero
                ? CheckResult.Skip(id, string.Format(CultureInfo.CurrentCulture, CheckText.Skip_OutOfTime, ClientCheckContext.Seconds(request.TargetBudget)))
                : checks.TryGetValue(id, out var check)
                    ? await RunOneAsync(context, check, left, cancellationToken).ConfigureAwait(false)
                    : CheckResult.Skip(id, CheckText.Skip_NotBuilt));
        }

        return new CheckReport(request.Program.Text, request.Kind, results, request.Label);
    }

    private static async Task<CheckResult> RunOneAsync(ClientCheckContext context, IClientCheck check, TimeSpan left, CancellationToken cancellationToken)
    {
        var cap = TimeSpan.FromTicks(Math.Min(left.Ticks, (context.Timeout * 4 + CheckOverhead).Ticks));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(cap);
        try
        {
            return await check.RunAsync(context, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Fail(check.Id, string.Format(CultureInfo.CurrentCulture, ClientCheckText.Check_Capped, ClientCheckContext.Seconds(cap)), ClientCheckText.Check_Capped_Cause, ClientCheckText.Check_Error_Fix);
        }
        catch (Exception e) when (e is not OperationCanceledException and not CheckException)
        {
            return CheckResult.Fail(check.Id, string.Format(CultureInfo.CurrentCulture, CheckText.Check_Error, e.Message), ClientCheckText.Check_Error_Cause, ClientCheckText.Check_Error_Fix);
        }
    }

    private static Dictionary<string, IClientCheck> Registry(CheckKind kind)
    {
        var time = CheckKinds.IsTime(kind);
        IClientCheck Reply(string id) => time ? new TimeReplyCheck(id) : new EchoReplyCheck(id);
        var all = new List<IClientCheck>
        {
            Reply(CheckIds.Basic),
            Reply(CheckIds.FragmentedReply),
            new TimeReplyCheck(CheckIds.WithNul),
            new TimeReplyCheck(CheckIds.WithoutNul),
            new EchoReplyCheck(CheckIds.LongReply),
            new EchoReplyCheck(CheckIds.EchoEof),
            new RefusedCheck(),
            new ClosedEarlyCheck(),
            new NoReplyCheck(),
        };
        return all.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }
}
