namespace NetProg.Services.Check.Login;

/// <summary>
/// <c>concurrent-sessions</c>: a first client stops before its password and stays connected; a second must log in
/// meanwhile. A server that serves one client at a time never greets the second.
/// </summary>
internal sealed class ConcurrentSessionsCheck(LoginCheckState state) : ReadyLoginCheck(state)
{
    public override string Id => CheckIds.ConcurrentSessions;

    protected override async Task<CheckResult> RunReadyAsync(ServerCheckContext context, LoginPlan plan, CancellationToken cancellationToken)
    {
        var (first, failed) = await MidLoginAsync(context, plan, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return failed!;
        }

        await using (first.ConfigureAwait(false))
        {
            var second = await LoginRun.LogInAsync(context, plan, plan.Right(), pieces: false, cancellationToken).ConfigureAwait(false);
            var passwordLine = PasswordLine(plan);
            return second.LoggedIn
                ? CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Conc_Pass, passwordLine, plan.Source))
                : CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Conc_Fail, passwordLine, plan.Source, second.Observed), LoginCheckText.Conc_Cause, LoginCheckText.Conc_Fix);
        }
    }
}
