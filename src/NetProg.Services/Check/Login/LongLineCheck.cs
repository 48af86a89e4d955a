namespace NetProg.Services.Check.Login;

/// <summary>
/// <c>long-line</c>: a user name of 10,000 bytes where the transcript sends the name. The server may refuse it, cut it
/// or close; it must survive it: the next client still logs in. A crash here is a buffer overflow (a fixed buffer
/// filled without a bound).
/// </summary>
internal sealed class LongLineCheck(LoginCheckState state) : ReadyLoginCheck(state)
{
    /// <summary>How long the answer to the long line is waited for: it only goes into the report, survival is the verdict.</summary>
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(2);

    public override string Id => CheckIds.LongLine;

    protected override async Task<CheckResult> RunReadyAsync(ServerCheckContext context, LoginPlan plan, CancellationToken cancellationToken)
    {
        var script = plan.Bind(new string('x', LoginPlan.LongUserLength), plan.WrongPassword);
        var (connection, failure) = await LoginRun.StartAsync(context, plan, script, script.Script.UserStep + 1, cancellationToken).ConfigureAwait(false);
        string answered;
        if (connection is null)
        {
            // The name was sent and the server went away at once, or the transcript stopped before the name.
            answered = failure!;
        }
        else
        {
            await using (connection.ConfigureAwait(false))
            {
                var wait = context.Timeout < AnswerWait ? context.Timeout : AnswerWait;
                answered = LoginText.Came(await LoginReplay.NextAsync(connection, wait, cancellationToken).ConfigureAwait(false), wait);
            }
        }

        var length = LoginPlan.LongUserLength.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);
        var next = await LoginRun.LogInAsync(context, plan, plan.Right(), pieces: false, cancellationToken).ConfigureAwait(false);
        if (next.LoggedIn)
        {
            return CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Long_Pass, length, answered));
        }

        var after = await LoginText.ExitAsync(context, cancellationToken).ConfigureAwait(false) ?? LoginText.Format(LoginCheckText.Next_Failed, next.Observed);
        return CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Long_Fail, length, answered, after), LoginCheckText.Long_Cause, LoginCheckText.Long_Fix);
    }
}
