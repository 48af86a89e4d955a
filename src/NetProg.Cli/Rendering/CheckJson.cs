using System.Text.Json;
using System.Text.Json.Serialization;
using NetProg.Services.Check;

namespace NetProg.Cli.Rendering;

/// <summary>
/// JSON for <c>check --json</c>, so a TA can grade a class with a script: <c>{"target", "kind", "label", "checks": [{"id",
/// "verdict", "observed", "cause", "fix"}], "summary"}</c>, verdicts as <c>pass</c>/<c>warn</c>/<c>fail</c>/<c>skip</c>; with
/// <c>--targets</c>, <c>{"kind", "targets": [...], "summary"}</c>. Source-generated like <see cref="DoctorJson"/>.
/// </summary>
internal static class CheckJson
{
    private static readonly CheckJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter<CheckVerdict>(JsonNamingPolicy.CamelCase) },
    });

    public static string Serialize(CheckReport report) => JsonSerializer.Serialize(Document(report), Context.CheckJsonReport);

    public static string Serialize(CheckKind kind, IReadOnlyList<CheckReport> reports) =>
        JsonSerializer.Serialize(
            new CheckJsonTargets(CheckKinds.Name(kind), reports.Select(Document).ToList(), CheckSummary.Of(reports.SelectMany(r => r.Checks))),
            Context.CheckJsonTargets);

    private static CheckJsonReport Document(CheckReport report) =>
        new(report.Target, CheckKinds.Name(report.Kind), report.Label, report.Checks, report.Summary);
}
