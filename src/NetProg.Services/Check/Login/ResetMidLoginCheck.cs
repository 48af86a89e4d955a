namespace NetProg.Services.Check.Login;

/// <summary>
/// <c>reset-mid-login</c>: a client plays the transcript up to its password and then resets the connection (RST, by
/// SO_LINGER 0, socket(7)); the next client must still log in. A server that then writes to the dead connection gets
/// SIGPIPE, whose default action ends the process (signal(7)).
/// </summary>
internal sealed class ResetMidLoginCheck(LoginCheckState state) : ReadyLoginCheck(state)
{
    /// <summary>The moment the server has to meet the reset (its recv() for the password fails) before the next client comes.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    public override string Id => CheckIds.ResetMidLogin;

    protected override async Task<CheckResult> RunReadyAsync(ServerCheckContext context, LoginPlan plan, CancellationToken cancellationToken)
    {
        var (connection, failed) = await MidLoginAsync(context, plan, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return failed!;
        }

        connection.Reset();
        await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
        var next = await LoginRun.LogInAsync(context, plan, plan.Right(), pieces: false, cancellationToken).ConfigureAwait(false);
        var passwordLine = PasswordLine(plan);
        if (next.LoggedIn)
        {
            return CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Reset_Pass, passwordLine, plan.Source));
        }

        var after = await LoginText.ExitAsync(context, cancellationToken).ConfigureAwait(false) ?? LoginText.Format(LoginCheckText.Next_Failed, next.Observed);
        return CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Reset_Fail, passwordLine, plan.Source, after), LoginCheckText.Reset_Cause, LoginCheckText.Reset_Fix);
    }
}
