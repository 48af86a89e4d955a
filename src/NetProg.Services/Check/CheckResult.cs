namespace NetProg.Services.Check;

/// <summary>
/// One check's line: its stable <paramref name="Id"/>, the verdict, what was done and what came back, and for a WARN or
/// FAIL the likely cause in the student's code and the fix (which call, which flag). The texts are in the UI language;
/// with <c>--json</c> the CLI runs the checks under the invariant (English) culture.
/// </summary>
public sealed record CheckResult(string Id, CheckVerdict Verdict, string Observed, string? Cause = null, string? Fix = null)
{
    public static CheckResult Pass(string id, string observed) => new(id, CheckVerdict.Pass, observed);

    public static CheckResult Skip(string id, string why) => new(id, CheckVerdict.Skip, why);

    public static CheckResult Warn(string id, string observed, string cause, string fix) => new(id, CheckVerdict.Warn, observed, cause, fix);

    public static CheckResult Fail(string id, string observed, string cause, string fix) => new(id, CheckVerdict.Fail, observed, cause, fix);
}
