using NetProg.Services.Check;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Rendering;

/// <summary>
/// <c>netprog check</c> as a person reads it: one line per check (verdict, id, what was done and what came back), the
/// cause and the fix indented under a WARN or FAIL, then the summary. Everything the checked program or the network
/// produced reaches the terminal through <see cref="PrintableText.Printable"/>.
/// </summary>
internal static class CheckView
{
    private const int IdWidth = 20;
    private static readonly string Indent = new(' ', 2 + 4 + 1 + IdWidth + 1);

    public static IEnumerable<string> Lines(CheckReport report)
    {
        yield return string.Format(Strings.Check_Header, CheckKinds.Name(report.Kind), PrintableText.Printable(report.Target));
        foreach (var check in report.Checks)
        {
            yield return $"  {Mark(check.Verdict)} {TerminalText.Pad(check.Id, IdWidth)} {PrintableText.Printable(check.Observed)}";
            if (check.Cause is { } cause)
            {
                yield return $"{Indent}{Strings.Check_Cause} {PrintableText.Printable(cause)}";
            }

            if (check.Fix is { } fix)
            {
                yield return $"{Indent}{Strings.Check_Fix} {PrintableText.Printable(fix)}";
            }
        }

        yield return Summary(report.Summary);
    }

    /// <summary>Many servers (<c>--targets</c>): one row each, with the ids of the checks that failed.</summary>
    public static IEnumerable<string> Table(CheckKind kind, string file, IReadOnlyList<CheckReport> reports)
    {
        yield return string.Format(Strings.Check_Targets_Header, CheckKinds.Name(kind), reports.Count, PrintableText.Printable(file));
        var targetWidth = Math.Max(Strings.Check_Column_Target.Length, reports.Select(r => TerminalText.Columns(PrintableText.Printable(r.Target))).DefaultIfEmpty(0).Max());
        var labelWidth = Math.Max(TerminalText.Columns(Strings.Check_Column_Label), reports.Select(r => TerminalText.Columns(PrintableText.Printable(r.Label ?? "-"))).DefaultIfEmpty(0).Max());
        yield return $"  {TerminalText.Pad(Strings.Check_Column_Target, targetWidth)}  {TerminalText.Pad(Strings.Check_Column_Label, labelWidth)}  PASS WARN FAIL SKIP  {Strings.Check_Column_Failed}";
        foreach (var report in reports)
        {
            var s = report.Summary;
            var failed = string.Join(", ", report.Checks.Where(c => c.Verdict == CheckVerdict.Fail).Select(c => c.Id));
            yield return $"  {TerminalText.Pad(PrintableText.Printable(report.Target), targetWidth)}  {TerminalText.Pad(PrintableText.Printable(report.Label ?? "-"), labelWidth)}  {s.Passed,4} {s.Warned,4} {s.Failed,4} {s.Skipped,4}  {(failed.Length == 0 ? "-" : failed)}";
        }

        yield return string.Format(Strings.Check_Targets_Summary, reports.Count(r => !r.Failed), reports.Count);
    }

    public static string Summary(CheckSummary summary) =>
        string.Format(Strings.Check_Summary, summary.Passed, summary.Warned, summary.Failed, summary.Skipped);

    private static string Mark(CheckVerdict verdict) => verdict switch
    {
        CheckVerdict.Pass => "PASS",
        CheckVerdict.Warn => "WARN",
        CheckVerdict.Fail => "FAIL",
        _ => "SKIP",
    };
}
