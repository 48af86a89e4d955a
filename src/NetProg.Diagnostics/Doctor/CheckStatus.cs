namespace NetProg.Diagnostics.Doctor;

/// <summary>How one step of the doctor's checklist came out.</summary>
public enum CheckStatus
{
    Passed,
    Warning,
    Failed,
    /// <summary>Nothing wrong, nothing proven: a fact worth knowing.</summary>
    Info,
}
