namespace NetProg.Services.Check;

/// <summary>
/// One check of a server. It runs once per target, in the order of <see cref="CheckIds.For"/>, against a server that
/// answered <see cref="CheckIds.Reachable"/> (local checks also against one that did not). It returns a finding, never
/// throws for what the server did: a reset, garbage or silence is a verdict. (An exception it lets through becomes a
/// FAIL "the check could not finish".) Every wait inside is bounded by <see cref="CheckOptions.Timeout"/> and by the
/// token, which the checker cancels when the target's time is up.
/// </summary>
public interface IServerCheck
{
    /// <summary>The id from <see cref="CheckIds"/>.</summary>
    string Id { get; }

    Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken);
}
