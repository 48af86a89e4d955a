namespace NetProg.Diagnostics.Doctor;

/// <summary>The doctor's findings: the checklist, the port's state, and whether the service itself answered.</summary>
public sealed record DoctorReport(string Host, int? Port, bool Udp, IReadOnlyList<DoctorCheck> Checks, PortState? State, bool ServiceAnswered)
{
    /// <summary>
    /// The answer as a whole: with a port, whether the service answered; without one, whether the name and the path
    /// passed. The one place the verdict is decided; the exit code and the last line of the text follow it.
    /// </summary>
    public DoctorVerdict Verdict => Port is not null
        ? ServiceAnswered ? DoctorVerdict.Answered : DoctorVerdict.NoAnswer
        : Checks.Any(c => c.Status == CheckStatus.Failed) ? DoctorVerdict.PathFailed : DoctorVerdict.PathChecked;

    /// <summary>True when the verdict means exit code 0.</summary>
    public bool Succeeded => Verdict is DoctorVerdict.Answered or DoctorVerdict.PathChecked;
}
