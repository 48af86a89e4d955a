namespace NetProg.Diagnostics.Doctor;

/// <summary>One line of the checklist: the step, its outcome, one sentence of finding and, when there is something to do, one of advice.</summary>
public sealed record DoctorCheck(string Step, CheckStatus Status, string Finding, string? Advice = null);
