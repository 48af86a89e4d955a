using System.Text.Json;
using System.Text.Json.Serialization;
using NetProg.Diagnostics.Doctor;

namespace NetProg.Cli.Rendering;

/// <summary>
/// JSON for <c>doctor --json</c>: camelCase, enums as camelCase strings, so scripts need not know numbers.
/// Source-generated (<see cref="DoctorJsonContext"/>) rather than reflection-based, so the trimmed single-file and
/// Native AOT builds write the same document as <c>dotnet netprog.dll</c> (reflection serialization is IL2026/IL3050).
/// </summary>
internal static class DoctorJson
{
    private static readonly DoctorJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // The generic converters: the non-generic JsonStringEnumConverter needs run-time code generation under AOT.
        Converters =
        {
            new JsonStringEnumConverter<CheckStatus>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<PortState>(JsonNamingPolicy.CamelCase),
        },
    });

    public static string Serialize(DoctorReport report) => JsonSerializer.Serialize(report, Context.DoctorReport);
}
