using NetProg.Diagnostics.Doctor;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Rendering;

/// <summary>The doctor's checklist as a person reads it: one line per finding, the advice indented under it.</summary>
internal static class DoctorText
{
    public static IEnumerable<string> Lines(DoctorReport report)
    {
        var host = PrintableText.Printable(report.Host);
        var target = report.Port is { } port ? string.Format(Strings.Doctor_Target, host, port, report.Udp ? "udp" : "tcp") : host;
        yield return $"netprog doctor: {target}";
        foreach (var check in report.Checks)
        {
            // A finding can quote the server's reply, a firewall rule or a process name: printable only.
            yield return $"  {Mark(check.Status)} {TerminalText.Pad(DoctorWords.StepName(check.Id), 9)} {PrintableText.Printable(DoctorWords.Finding(check))}";
            if (DoctorWords.Advice(check.Fix) is { } advice)
            {
                yield return $"{string.Empty,16}-> {PrintableText.Printable(advice)}";
            }
        }

        yield return DoctorWords.Verdict(report.Verdict);
    }

    private static string Mark(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "[ ok ]",
        CheckStatus.Warning => "[warn]",
        CheckStatus.Failed => "[FAIL]",
        _ => "[info]",
    };
}
