using System.Text.RegularExpressions;
using NetProg.Protocols.Checking;

namespace NetProg.Services.Check.Login;

/// <summary>
/// <c>wrong-password</c>: the transcript with a wrong password must be refused (its success reply must not come), the
/// connection kept or closed with FIN, and nothing echoed afterwards: the echo line is sent and must not come back.
/// </summary>
internal sealed class WrongPasswordCheck(LoginCheckState state) : ReadyLoginCheck(state)
{
    /// <summary>How long a refused connection is watched for a late welcome or an echo: absence takes a wait to show.</summary>
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(1);

    public override string Id => CheckIds.WrongPassword;

    protected override async Task<CheckResult> RunReadyAsync(ServerCheckContext context, LoginPlan plan, CancellationToken cancellationToken)
    {
        var script = plan.Bind(plan.User, plan.WrongPassword);
        var success = script.Steps[script.Script.SuccessStep].Regex!;
        var refusal = await LoginRun.RefusedAsync(context, plan, script, cancellationToken).ConfigureAwait(false);
        if (refusal.Connection is not { } connection)
        {
            return Gone(refusal.Broken!);
        }

        await using (connection.ConfigureAwait(false))
        {
            if (refusal.Reply is not { } reply)
            {
                return CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Wrong_Broken, refusal.Broken), CheckText.Check_Error_Cause, CheckText.Check_Error_Fix);
            }

            var answered = LoginText.Reply(reply.Line);
            if (reply.Line is { } line && LoginReplay.Matches(success, line))
            {
                return Accepted(line);
            }

            switch (reply.End)
            {
                case ReceiveEnd.Silent:
                    return CheckResult.Warn(Id, LoginText.Format(LoginCheckText.Wrong_Silent, ServerChecker.Seconds(context.Timeout)), LoginCheckText.Wrong_Silent_Cause, LoginCheckText.Wrong_Silent_Fix);
                case ReceiveEnd.Reset:
                    return CheckResult.Warn(Id, LoginText.Format(LoginCheckText.Wrong_Reset, answered), LoginCheckText.Wrong_Reset_Cause, LoginCheckText.Wrong_Reset_Fix);
                case ReceiveEnd.TooMuch:
                    return CheckResult.Fail(Id, LoginText.Came(reply, context.Timeout), CheckText.Check_Error_Cause, CheckText.Check_Error_Fix);
                case ReceiveEnd.Closed:
                    return CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Wrong_Closed, answered));
            }

            // Still open: a client that goes on as if logged in must get no echo (nor a late welcome).
            var echoText = script.Script.EchoText;
            var echoShown = LoginPreview.Of(System.Text.Encoding.UTF8.GetBytes(echoText));
            _ = await connection.SendAsync(script.Echo, pieces: false, context.Timeout, cancellationToken).ConfigureAwait(false);
            var echoOnly = new Regex("^" + Regex.Escape(echoText) + "$", RegexOptions.CultureInvariant, LoginScript.MatchTimeout);
            var watch = context.Timeout < Watch ? context.Timeout : Watch;
            var after = await LoginReplay.ExpectAsync(connection, Either(success, echoOnly), watch, cancellationToken).ConfigureAwait(false);
            if (after.Line is { } late)
            {
                return LoginReplay.Matches(success, late)
                    ? Accepted(late)
                    : CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Wrong_Echoed, answered, echoShown), LoginCheckText.Wrong_Echoed_Cause, LoginCheckText.Wrong_Echoed_Fix);
            }

            // A reset now answers our echo line sent after the server closed: that close was clean.
            return after.End is ReceiveEnd.Closed or ReceiveEnd.Reset
                ? CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Wrong_Closed, answered))
                : CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Wrong_Open, answered, echoShown));
        }
    }

    private CheckResult Accepted(byte[] line) =>
        CheckResult.Fail(Id, LoginText.Format(LoginCheckText.Wrong_Accepted, LoginPreview.Of(line)), LoginCheckText.Wrong_Accepted_Cause, LoginCheckText.Wrong_Accepted_Fix);

    /// <summary>One regex for "the success reply or the echo", each alternative in its own group so neither changes the other.</summary>
    private static Regex Either(Regex first, Regex second) =>
        new($"(?:{first})|(?:{second})", RegexOptions.CultureInvariant, LoginScript.MatchTimeout);
}
