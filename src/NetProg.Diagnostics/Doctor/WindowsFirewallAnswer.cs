namespace NetProg.Diagnostics.Doctor;

/// <summary>What <see cref="WindowsFirewallQuery"/> got: the firewall's state as JSON, or what came back instead.</summary>
/// <param name="Json">The script's JSON, or null when the query failed.</param>
/// <param name="Problem">What came back instead, or null.</param>
internal sealed record WindowsFirewallAnswer(string? Json, FirewallQueryProblem? Problem);
