namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// One line of the checklist, as data: the step, its outcome, what was found (<paramref name="Finding"/>, with the
/// measured <paramref name="Facts"/>) and, when there is something to do, the fix. No sentence: the CLI's renderers
/// make the words in the UI language, and <c>--json</c> writes this record as it is.
/// </summary>
public sealed record DoctorCheck(DoctorCheckId Id, CheckStatus Status, DoctorFinding Finding, DoctorFacts Facts, DoctorFix? Fix = null);
