using NetProg.Services.Check;

namespace NetProg.Cli.Rendering;

/// <summary>The document of <c>check --targets FILE --json</c>: every target's report and the verdicts counted over all.</summary>
internal sealed record CheckJsonTargets(string Kind, IReadOnlyList<CheckJsonReport> Targets, CheckSummary Summary);
