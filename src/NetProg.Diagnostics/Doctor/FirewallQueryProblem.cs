namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// What came back instead of the firewall's state, so that a person sees whether PowerShell is missing, refused or
/// answered something else. <paramref name="Said"/> is the tool's own text (its first line), unfiltered: it reaches a
/// terminal only through the CLI's printable-text helper.
/// </summary>
/// <param name="Failure">What went wrong.</param>
/// <param name="Command">What ran.</param>
/// <param name="Said">The first line the tool (or the OS, or the JSON parser) wrote, or null.</param>
/// <param name="ExitCode">Its exit code, for <see cref="FirewallQueryFailure.Failed"/> and <see cref="FirewallQueryFailure.FailedSilently"/>.</param>
/// <param name="TimeoutSeconds">The timeout, for <see cref="FirewallQueryFailure.TimedOut"/>.</param>
public sealed record FirewallQueryProblem(FirewallQueryFailure Failure, string Command, string? Said = null, int? ExitCode = null, int? TimeoutSeconds = null);
