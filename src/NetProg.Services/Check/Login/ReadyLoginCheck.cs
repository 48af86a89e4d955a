namespace NetProg.Services.Check.Login;

/// <summary>
/// A login check that needs the plain login to work first (every one but <c>login</c>): it is skipped, saying why, when
/// there is no usable transcript or the login with it fails, so a transcript that does not fit is not six findings.
/// </summary>
internal abstract class ReadyLoginCheck(LoginCheckState state) : IServerCheck
{
    public abstract string Id { get; }

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var (plan, skip) = await state.ReadyAsync(context, Id, cancellationToken).ConfigureAwait(false);
        return skip ?? await RunReadyAsync(context, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The check itself, once the login is known to work.</summary>
    protected abstract Task<CheckResult> RunReadyAsync(ServerCheckContext context, LoginPlan plan, CancellationToken cancellationToken);

    /// <summary>The server took no connection (any more).</summary>
    protected CheckResult Gone(string observed) => CheckResult.Fail(Id, observed, LoginCheckText.Gone_Cause, LoginCheckText.Gone_Fix);

    /// <summary>
    /// A client in the middle of its login: the right transcript up to the step that sends the password. The caller
    /// owns the connection; when the client did not get there, the FAIL line instead.
    /// </summary>
    protected async Task<(LoginConnection? Connection, CheckResult? Failed)> MidLoginAsync(ServerCheckContext context, LoginPlan plan, CancellationToken cancellationToken)
    {
        var script = plan.Right();
        var (connection, failure) = await LoginRun.StartAsync(context, plan, script, script.Script.PasswordStep, cancellationToken).ConfigureAwait(false);
        return connection is not null
            ? (connection, null)
            : (null, CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Setup_Failed, failure), CheckText.Check_Error_Cause, CheckText.Check_Error_Fix));
    }

    /// <summary>The script line that sends the password, for the report.</summary>
    protected static int PasswordLine(LoginPlan plan) => plan.Script!.Steps[plan.Script.PasswordStep].Line;
}
