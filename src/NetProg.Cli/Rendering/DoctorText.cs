using NetProg.Diagnostics.Doctor;

namespace NetProg.Cli.Rendering;

/// <summary>The doctor's checklist as a person reads it: one line per finding, the advice indented under it.</summary>
internal static class DoctorText
{
    public static IEnumerable<string> Lines(DoctorReport report)
    {
        var target = report.Port is { } port ? $"{report.Host} port {port}/{(report.Udp ? "udp" : "tcp")}" : report.Host;
        yield return $"netprog doctor: {target}";
        foreach (var check in report.Checks)
        {
            yield return $"  {Mark(check.Status)} {check.Step,-9} {check.Finding}";
            if (check.Advice is not null)
            {
                yield return $"{string.Empty,16}-> {check.Advice}";
            }
        }

        yield return report.ServiceAnswered
            ? "verdict: the service answered."
            : report.Port is null ? "verdict: no port given; only the name and the path were checked." : "verdict: the service did not answer.";
    }

    private static string Mark(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "[ ok ]",
        CheckStatus.Warning => "[warn]",
        CheckStatus.Failed => "[FAIL]",
        _ => "[info]",
    };
}
