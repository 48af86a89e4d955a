namespace NetProg.Services.Check.Login;

/// <summary>
/// <c>concurrent-sessions</c>: a first client stops before its password and stays connected; a second must log in
/// meanwhile. A server that serves one client at a time never greets the second.
/// </summary>
internal sealed class ConcurrentSessionsCheck(LoginCheckState state) : IServerCheck
{
    public string Id => CheckIds.ConcurrentSessions;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var (plan, skip) = await state.ReadyAsync(context, Id, cancellationToken).ConfigureAwait(false);
        if (skip is not null)
        {
            return skip;
        }

        var script = plan.Right();
        var passwordLine = script.Steps[script.Script.PasswordStep].Source.Line;
        var (first, failure) = await LoginRun.StartAsync(context, plan, script, script.Script.PasswordStep, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Setup_Failed, failure), CheckText.Check_Error_Cause, CheckText.Check_Error_Fix);
        }

        await using (first.ConfigureAwait(false))
        {
            var second = await LoginRun.LogInAsync(context, plan, script, pieces: false, cancellationToken).ConfigureAwait(false);
            return second.LoggedIn
                ? CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Conc_Pass, passwordLine, plan.Source))
                : CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Conc_Fail, passwordLine, plan.Source, second.Observed), LoginCheckText.Conc_Cause, LoginCheckText.Conc_Fix);
        }
    }
}
