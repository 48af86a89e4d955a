namespace NetProg.Diagnostics.Doctor;

/// <summary>The doctor's findings: the checklist, and whether the service itself answered (exit code 0).</summary>
public sealed record DoctorReport(string Host, int? Port, bool Udp, IReadOnlyList<DoctorCheck> Checks, PortState? State, bool ServiceAnswered);
