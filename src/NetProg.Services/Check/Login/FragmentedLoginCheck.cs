namespace NetProg.Services.Check.Login;

/// <summary>
/// <c>fragmented-login</c>: the transcript's lines each sent in pieces (the first byte alone, then a few bytes at a
/// time, with pauses), as a slow typist or a busy network delivers them: a server that takes one recv() as one line
/// reads a piece of the user name and refuses.
/// </summary>
internal sealed class FragmentedLoginCheck(LoginCheckState state) : ReadyLoginCheck(state)
{
    public override string Id => CheckIds.FragmentedLogin;

    protected override async Task<CheckResult> RunReadyAsync(ServerCheckContext context, LoginPlan plan, CancellationToken cancellationToken)
    {
        var how = LoginText.Format(LoginCheckText.Frag_How, LoginConnection.PieceSize, LoginConnection.PiecePause.TotalMilliseconds.ToString("0", CultureInfo.CurrentCulture) + " ms");
        var attempt = await LoginRun.LogInAsync(context, plan, plan.Right(), pieces: true, cancellationToken).ConfigureAwait(false);
        return attempt.LoggedIn
            ? CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Frag_Pass, how))
            : CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Frag_Fail, how, attempt.Observed), LoginCheckText.Frag_Cause, LoginCheckText.Frag_Fix);
    }
}
