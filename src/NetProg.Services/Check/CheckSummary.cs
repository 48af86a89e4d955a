namespace NetProg.Services.Check;

/// <summary>How many checks ended with each verdict.</summary>
public sealed record CheckSummary(int Passed, int Warned, int Failed, int Skipped)
{
    public static CheckSummary Of(IEnumerable<CheckResult> checks)
    {
        int passed = 0, warned = 0, failed = 0, skipped = 0;
        foreach (var check in checks)
        {
            switch (check.Verdict)
            {
                case CheckVerdict.Pass: passed++; break;
                case CheckVerdict.Warn: warned++; break;
                case CheckVerdict.Fail: failed++; break;
                default: skipped++; break;
            }
        }

        return new CheckSummary(passed, warned, failed, skipped);
    }
}
