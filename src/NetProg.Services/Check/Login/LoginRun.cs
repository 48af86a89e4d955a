using System.Text.RegularExpressions;
using NetProg.Protocols.Checking;

namespace NetProg.Services.Check.Login;

/// <summary>The conversations the login checks hold: a whole login with its echo, a refused one, one left half-way.</summary>
internal static class LoginRun
{
    /// <summary>
    /// Logs in with <paramref name="script"/> on a new connection, then sends the echo line and waits for a line that
    /// holds it (a server may put a prefix before it). With <paramref name="pieces"/> every line of the transcript goes
    /// in pieces (the echo line whole).
    /// </summary>
    public static async Task<LoginAttempt> LogInAsync(ServerCheckContext context, LoginPlan plan, BoundLoginScript script, bool pieces, CancellationToken cancellationToken)
    {
        var timeout = context.Timeout;
        var (connection, error) = await LoginConnection.OpenAsync(context.EndPoint, timeout, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return new LoginAttempt(LoginOutcome.NoConnection, LoginText.Format(LoginCheckText.Connect_Failed, LoginText.Error(error, timeout)));
        }

        await using (connection.ConfigureAwait(false))
        {
            var success = script.Script.SuccessStep;
            if (await LoginReplay.RunAsync(connection, script, success, pieces, timeout, cancellationToken).ConfigureAwait(false) is { } before)
            {
                return new LoginAttempt(LoginOutcome.Dialogue, LoginText.Failure(before, plan.Source, timeout));
            }

            var welcome = await LoginReplay.ExpectAsync(connection, script.Steps[success].Regex!, timeout, cancellationToken).ConfigureAwait(false);
            if (!welcome.Matched)
            {
                return new LoginAttempt(LoginOutcome.Refused, LoginText.Failure(new StepFailure(script.Steps[success].Source, welcome, null), plan.Source, timeout));
            }

            if (await LoginReplay.RunAsync(connection, script, script.Steps.Count, pieces, timeout, cancellationToken, success + 1).ConfigureAwait(false) is { } after)
            {
                return new LoginAttempt(LoginOutcome.Dialogue, LoginText.Failure(after, plan.Source, timeout));
            }

            var echoText = script.Script.EchoText;
            var echoShown = LoginPreview.Of(System.Text.Encoding.UTF8.GetBytes(echoText));
            if (await connection.SendAsync(script.Echo, pieces: false, timeout, cancellationToken).ConfigureAwait(false) is { } sendError)
            {
                return new LoginAttempt(LoginOutcome.NoEcho, LoginText.Format(LoginCheckText.Login_NoEcho, LoginText.Reply(welcome.Line), echoShown, LoginText.Error(sendError, timeout)));
            }

            var echo = await LoginReplay.ExpectAsync(connection, new Regex(Regex.Escape(echoText), RegexOptions.CultureInvariant, LoginScript.MatchTimeout), timeout, cancellationToken).ConfigureAwait(false);
            return echo.Matched
                ? new LoginAttempt(LoginOutcome.LoggedIn, LoginText.Format(LoginCheckText.Login_Pass, plan.User, plan.Source, LoginText.Reply(welcome.Line), echoShown))
                : new LoginAttempt(LoginOutcome.NoEcho, LoginText.Format(LoginCheckText.Login_NoEcho, LoginText.Reply(welcome.Line), echoShown, LoginText.Came(echo, timeout)));
        }
    }

    /// <summary>
    /// Opens a connection and plays the transcript up to the step that sends the password (not included): a client in
    /// the middle of its login. The caller owns the connection; on failure it is closed and the failure described.
    /// </summary>
    public static async Task<(LoginConnection? Connection, string? Failure)> StartAsync(ServerCheckContext context, LoginPlan plan, BoundLoginScript script, int end, CancellationToken cancellationToken)
    {
        var timeout = context.Timeout;
        var (connection, error) = await LoginConnection.OpenAsync(context.EndPoint, timeout, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return (null, LoginText.Format(LoginCheckText.Connect_Failed, LoginText.Error(error, timeout)));
        }

        var failure = await LoginReplay.RunAsync(connection, script, end, pieces: false, timeout, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            return (connection, null);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return (null, LoginText.Failure(failure, plan.Source, timeout));
    }

    /// <summary>
    /// A login that is to be refused: the transcript up to the password and its send, then the first reply to it.
    /// The connection is left open for the caller (null when it could not be opened: the failure says why).
    /// </summary>
    public static async Task<Refusal> RefusedAsync(ServerCheckContext context, LoginPlan plan, BoundLoginScript script, CancellationToken cancellationToken)
    {
        var timeout = context.Timeout;
        var (connection, error) = await LoginConnection.OpenAsync(context.EndPoint, timeout, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return new Refusal(null, null, null, LoginText.Format(LoginCheckText.Connect_Failed, LoginText.Error(error, timeout)));
        }

        var failure = await LoginReplay.RunAsync(connection, script, script.Script.SuccessStep, pieces: false, timeout, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return new Refusal(connection, null, failure, LoginText.Failure(failure, plan.Source, timeout));
        }

        var reply = await LoginReplay.NextAsync(connection, timeout, cancellationToken).ConfigureAwait(false);
        return new Refusal(connection, reply, null, null);
    }
}
