namespace NetProg.Services.Check.Login;

/// <summary>
/// <c>login</c>: the transcript with the right account, every expected reply in turn, then an echo line back. On a
/// FAIL the line says which reply was waited for and what came instead.
/// </summary>
internal sealed class LoginCheck(LoginCheckState state) : IServerCheck
{
    public string Id => CheckIds.Login;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var plan = await state.PlanAsync(context, cancellationToken).ConfigureAwait(false);
        if (plan.SkipReason is { } why)
        {
            return CheckResult.Skip(Id, why);
        }

        var login = await state.LoginAsync(context, plan, cancellationToken).ConfigureAwait(false);
        return login.Outcome switch
        {
            LoginOutcome.LoggedIn => CheckResult.Pass(Id, login.Observed),
            LoginOutcome.NoConnection => CheckResult.Fail(Id, login.Observed, LoginCheckText.Gone_Cause, LoginCheckText.Gone_Fix),
            LoginOutcome.Dialogue => CheckResult.Fail(Id, login.Observed, LoginCheckText.Login_Dialogue_Cause, LoginCheckText.Login_Dialogue_Fix),
            LoginOutcome.Refused => CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Login_Refused, login.Observed), LoginCheckText.Login_Refused_Cause, LoginCheckText.Login_Refused_Fix),
            _ => CheckResult.Fail(Id, login.Observed, LoginCheckText.Login_NoEcho_Cause, LoginCheckText.Login_NoEcho_Fix),
        };
    }
}
