namespace NetProg.Diagnostics.Doctor;

/// <summary>The doctor's answer as a whole, computed once by <see cref="DoctorReport"/>: the exit code follows it.</summary>
public enum DoctorVerdict
{
    /// <summary>A port was given and the service answered (exit 0).</summary>
    Answered,
    /// <summary>A port was given and the service did not answer (exit 1).</summary>
    NoAnswer,
    /// <summary>No port: only the name and the path were checked, and nothing failed (exit 0).</summary>
    PathChecked,
    /// <summary>No port, and the name or the path failed (exit 1).</summary>
    PathFailed,
}
