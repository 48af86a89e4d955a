namespace NetProg.Diagnostics.Internal;

/// <summary>How a helper tool run by <see cref="BoundedProcess.Run"/> ended, for a reason that names what came back.</summary>
/// <param name="StartError">Why it could not be started (the tool is missing, among others), or null when it started.</param>
/// <param name="TimedOut">It did not finish within the time given and was killed.</param>
/// <param name="ExitCode">Its exit code, or null when it did not start or was killed.</param>
/// <param name="Output">All it wrote to stdout, or null when that could not be read whole in time.</param>
/// <param name="Error">What it wrote to stderr, or empty when that could not be read in time.</param>
internal sealed record ProcessOutcome(string? StartError, bool TimedOut, int? ExitCode, string? Output, string Error);
