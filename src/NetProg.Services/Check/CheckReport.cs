namespace NetProg.Services.Check;

/// <summary>
/// All checks of one target: <paramref name="Target"/> is what was checked as the user named it (<c>127.0.0.1:30000</c>,
/// or the command line of a program netprog started), <paramref name="Label"/> the name a <c>--targets</c> file gave it.
/// </summary>
public sealed record CheckReport(string Target, CheckKind Kind, IReadOnlyList<CheckResult> Checks, string? Label = null)
{
    public CheckSummary Summary => CheckSummary.Of(Checks);

    /// <summary>Exit code 0 when nothing failed (a WARN is not a failure).</summary>
    public bool Failed => Checks.Any(c => c.Verdict == CheckVerdict.Fail);
}
