using NetProg.Protocols.Checking;

namespace NetProg.Services.Check.Login;

/// <summary>
/// <c>enumeration</c>: a wrong password for the account and the same wrong password for a user that does not exist;
/// what the server sent from the user name on, up to its first reply after the password, must be the same bytes once
/// the names are masked. Two refusals (401 vs 402) tell an attacker which names exist.
/// </summary>
internal sealed class EnumerationCheck(LoginCheckState state) : ReadyLoginCheck(state)
{
    public override string Id => CheckIds.Enumeration;

    protected override async Task<CheckResult> RunReadyAsync(ServerCheckContext context, LoginPlan plan, CancellationToken cancellationToken)
    {
        var knownScript = plan.Bind(plan.User, plan.WrongPassword);
        var (known, knownReply, knownBroken) = await ConversationAsync(context, plan, knownScript, cancellationToken).ConfigureAwait(false);
        if (knownBroken is not null)
        {
            return Gone(knownBroken);
        }

        if (knownReply is { } accepted && LoginReplay.Matches(knownScript.Steps[knownScript.Script.SuccessStep].Regex!, accepted))
        {
            return CheckResult.Skip(Id, LoginCheckText.Skip_WrongAccepted);
        }

        var (unknown, _, unknownBroken) = await ConversationAsync(context, plan, plan.Bind(plan.UnknownUser, plan.WrongPassword), cancellationToken).ConfigureAwait(false);
        if (unknownBroken is not null)
        {
            return Gone(unknownBroken);
        }

        string[] names = [plan.User, plan.UnknownUser];
        var difference = LoginReplyComparison.FirstDifference(LoginReplyComparison.Masked(known, names), LoginReplyComparison.Masked(unknown, names));
        if (difference is not { } different)
        {
            return CheckResult.Pass(Id, LoginText.Format(LoginCheckText.Enum_Pass, plan.UnknownUser, LoginText.Reply(knownReply)));
        }

        return CheckResult.Fail(
            Id,
            LoginText.Format(LoginCheckText.Enum_Fail, plan.User, LoginText.Reply(different.First), plan.UnknownUser, LoginText.Reply(different.Second)),
            LoginCheckText.Enum_Cause,
            LoginCheckText.Enum_Fix);
    }

    /// <summary>
    /// A refused login and what it recorded: every byte from the user name on, up to the first reply after the
    /// password (or, when the transcript stopped earlier, all that came). A description instead when no connection was made.
    /// </summary>
    private static async Task<(byte[] Recorded, byte[]? Reply, string? Broken)> ConversationAsync(ServerCheckContext context, LoginPlan plan, BoundLoginScript script, CancellationToken cancellationToken)
    {
        var refusal = await LoginRun.RefusedAsync(context, plan, script, cancellationToken).ConfigureAwait(false);
        if (refusal.Connection is not { } connection)
        {
            return ([], null, refusal.Broken);
        }

        await using (connection.ConfigureAwait(false))
        {
            byte[] recorded = [.. connection.Replies.Recorded, .. refusal.Reply is null ? connection.Replies.Pending : []];
            return (recorded, refusal.Reply?.Line, null);
        }
    }
}
