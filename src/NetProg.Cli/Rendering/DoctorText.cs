using NetProg.Diagnostics.Doctor;

namespace NetProg.Cli.Rendering;

/// <summary>The doctor's checklist as a person reads it: one line per finding, the advice indented under it.</summary>
internal static class DoctorText
{
    public static IEnumerable<string> Lines(DoctorReport report)
    {
        var host = TerminalText.Printable(report.Host);
        var target = report.Port is { } port ? string.Format(Strings.Doctor_Target, host, port, report.Udp ? "udp" : "tcp") : host;
        yield return $"netprog doctor: {target}";
        foreach (var check in report.Checks)
        {
            // A finding can quote the server's reply or a process name: printable only.
            yield return $"  {Mark(check.Status)} {TerminalText.Pad(StepName(check.Step), 9)} {TerminalText.Printable(check.Finding)}";
            if (check.Advice is not null)
            {
                yield return $"{string.Empty,16}-> {TerminalText.Printable(check.Advice)}";
            }
        }

        yield return report.ServiceAnswered
            ? Strings.Doctor_Verdict_Answered
            : report.Port is null ? Strings.Doctor_Verdict_NoPort : Strings.Doctor_Verdict_NoAnswer;
    }

    /// <summary>The step's name in the UI language; the JSON keeps the stable English identifier.</summary>
    private static string StepName(string step) => step switch
    {
        "name" => Strings.Doctor_Step_Name,
        "path" => Strings.Doctor_Step_Path,
        "addresses" => Strings.Doctor_Step_Addresses,
        "port" => Strings.Doctor_Step_Port,
        "service" => Strings.Doctor_Step_Service,
        "listener" => Strings.Doctor_Step_Listener,
        "firewall" => Strings.Doctor_Step_Firewall,
        _ => step,
    };

    private static string Mark(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "[ ok ]",
        CheckStatus.Warning => "[warn]",
        CheckStatus.Failed => "[FAIL]",
        _ => "[info]",
    };
}
