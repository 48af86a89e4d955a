namespace NetProg.Diagnostics.Doctor;

/// <summary>Why the Windows Defender Firewall query gave no answer to read.</summary>
public enum FirewallQueryFailure
{
    /// <summary>powershell.exe could not be started (<see cref="FirewallQueryProblem.Said"/>: the OS's reason).</summary>
    NotStarted,
    /// <summary>It did not finish within the timeout and was stopped.</summary>
    TimedOut,
    /// <summary>It exited with an error code and wrote nothing to quote.</summary>
    FailedSilently,
    /// <summary>It exited with an error code; <see cref="FirewallQueryProblem.Said"/> is its first error line.</summary>
    Failed,
    /// <summary>It exited 0 and wrote nothing (Wine's powershell.exe is a stand-in that runs no cmdlets).</summary>
    Empty,
    /// <summary>It wrote no answer but an error line.</summary>
    EmptyWithError,
    /// <summary>Its output has no Base64 line; <see cref="FirewallQueryProblem.Said"/> is the first line.</summary>
    NotBase64,
    /// <summary>Its JSON is not the script's answer; <see cref="FirewallQueryProblem.Said"/> is the parser's reason.</summary>
    NotJson,
}
