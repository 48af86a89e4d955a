using NetProg.Protocols.Checking;

namespace NetProg.Services.Check.Login;

/// <summary>
/// What the login checks of one target share: how to log in (found once: the script, or netprog's greeting) and whether
/// the plain login works, which every other check needs first (a broken transcript must not look like a refusal).
/// </summary>
internal sealed class LoginCheckState
{
    private static readonly System.Text.RegularExpressions.Regex NetProgGreeting = LoginScript.CreateRegex("^220[ -]");

    private LoginPlan? _plan;
    private LoginAttempt? _login;

    /// <summary>The plan, found on first use.</summary>
    public async Task<LoginPlan> PlanAsync(ServerCheckContext context, CancellationToken cancellationToken) =>
        _plan ??= await FindPlanAsync(context, cancellationToken).ConfigureAwait(false);

    /// <summary>The login with the right account (done once; <c>login</c> reports it).</summary>
    public async Task<LoginAttempt> LoginAsync(ServerCheckContext context, LoginPlan plan, CancellationToken cancellationToken) =>
        _login ??= await LoginRun.LogInAsync(context, plan, plan.Right(), pieces: false, cancellationToken).ConfigureAwait(false);

    /// <summary>The plan when it is usable and the login works; otherwise the SKIP line of <paramref name="id"/>.</summary>
    public async Task<(LoginPlan Plan, CheckResult? Skip)> ReadyAsync(ServerCheckContext context, string id, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(context, cancellationToken).ConfigureAwait(false);
        if (plan.SkipReason is { } why)
        {
            return (plan, CheckResult.Skip(id, why));
        }

        var login = await LoginAsync(context, plan, cancellationToken).ConfigureAwait(false);
        return (plan, login.LoggedIn ? null : CheckResult.Skip(id, LoginCheckText.Skip_NoLogin));
    }

    private static async Task<LoginPlan> FindPlanAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var settings = context.Request.Login;
        if (settings?.Script is { } bytes)
        {
            var source = Path.GetFileName(settings.ScriptName) is { Length: > 0 } name ? name : "--script";
            var parse = LoginScriptParser.Parse(bytes.Span);
            var error = parse.Error ?? parse.Script!.Bind(settings.User, settings.Password).Error;
            return error is not null
                ? LoginPlan.Skipped(LoginScriptText.Describe(error, settings.ScriptName ?? "--script"))
                : LoginPlan.Of(parse.Script!, source, settings.User!, settings.Password!);
        }

        // No script: netprog's own server is known by its greeting (docs/PROTOCOL.md), any other needs a transcript.
        var greeting = await GreetingAsync(context, cancellationToken).ConfigureAwait(false);
        if (greeting.Line is not { } line || !LoginReplay.Matches(NetProgGreeting, line))
        {
            var greeted = greeting.Line is null ? LoginText.Came(greeting, context.Timeout) : LoginPreview.Of(greeting.Line);
            return LoginPlan.Skipped(LoginText.Format(LoginCheckText.Skip_NeedsScript, greeted));
        }

        if (settings?.User is not { } user || settings.Password is not { } password)
        {
            return LoginPlan.Skipped(LoginText.Format(LoginCheckText.Skip_NeedsAccount, LoginPreview.Of(line)));
        }

        return LoginPlan.Of(LoginScriptParser.Parse(LoginScript.NetProgUserPass).Script!, LoginCheckText.Script_NetProg, user, password);
    }

    private static async Task<ReplyWait> GreetingAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var (connection, error) = await LoginConnection.OpenAsync(context.EndPoint, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return new ReplyWait(null, [], error is NetProg.Transport.SocketErrorKind.ConnectionReset ? ReceiveEnd.Reset : ReceiveEnd.Closed);
        }

        await using (connection.ConfigureAwait(false))
        {
            return await LoginReplay.NextAsync(connection, context.Timeout, cancellationToken).ConfigureAwait(false);
        }
    }
}
