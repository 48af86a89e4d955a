using NetProg.Services.Check;

namespace NetProg.Cli.Rendering;

/// <summary>One target's document in <c>check --json</c>: the kind by its command-line name.</summary>
internal sealed record CheckJsonReport(string Target, string Kind, string? Label, IReadOnlyList<CheckResult> Checks, CheckSummary Summary);
