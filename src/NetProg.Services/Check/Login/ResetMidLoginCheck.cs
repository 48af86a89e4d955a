namespace NetProg.Services.Check.Login;

/// <summary>
/// <c>reset-mid-login</c>: a client plays the transcript up to its password and then resets the connection (RST, by
/// SO_LINGER 0, socket(7)); the next client must still log in. A server that then writes to the dead connection gets
/// SIGPIPE, whose default action ends the process (signal(7)).
/// </summary>
internal sealed class ResetMidLoginCheck(LoginCheckState state) : IServerCheck
{
    /// <summary>The moment the server has to meet the reset (its recv() for the password fails) before the next client comes.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    public string Id => CheckIds.ResetMidLogin;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var (plan, skip) = await state.ReadyAsync(context, Id, cancellationToken).ConfigureAwait(false);
        if (skip is not null)
        {
            return skip;
        }

        var script = plan.Right();
        var passwordLine = script.Steps[script.Script.PasswordStep].Source.Line;
        var (connection, failure) = await LoginRun.StartAsync(context, plan, script, script.Script.PasswordStep, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Setup_Failed, failure), CheckText.Check_Error_Cause, CheckText.Check_Error_Fix);
        }

        connection.Reset();
        await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
        var next = await LoginRun.LogInAsync(context, plan, script, pieces: false, cancellationToken).ConfigureAwait(false);
        if (next.LoggedIn)
        {
            return CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Reset_Pass, passwordLine, plan.Source));
        }

        var after = await LoginText.ExitAsync(context, cancellationToken).ConfigureAwait(false) ?? LoginText.Format(LoginCheckText.Next_Failed, next.Observed);
        return CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Reset_Fail, passwordLine, plan.Source, after), LoginCheckText.Reset_Cause, LoginCheckText.Reset_Fix);
    }
}
