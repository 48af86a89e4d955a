namespace NetProg.Reliability.Tests.Support;

/// <summary>
/// One row per attack — scenario, load, what was measured, result — appended as the attack finishes, to the file named by
/// NETPROG_RELIABILITY_REPORT (tests/Reliability/report.sh sets it and puts the rows into docs/RELIABILITY.md), so the
/// figures in the documentation are the ones a run produced.
/// </summary>
public static class ReliabilityReport
{
    private static readonly Lock Gate = new();

    public static void Row(string scenario, string load, string measured, bool passed)
    {
        var path = Environment.GetEnvironmentVariable("NETPROG_RELIABILITY_REPORT");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var line = $"| {Cell(scenario)} | {Cell(load)} | {Cell(measured)} | {(passed ? "held" : "FAILED")} |\n";
        lock (Gate)
        {
            File.AppendAllText(path, line, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
