using System.Text.Json;
using System.Text.Json.Serialization;
using NetProg.Diagnostics.Doctor;
using NetProg.Transport;

namespace NetProg.Cli.Rendering;

/// <summary>
/// JSON for <c>doctor --json</c>: the report as the doctor returned it — check ids, states, findings, facts, fixes and
/// the verdict (docs/DOCTOR.md, "--json") — with no sentence in it, so it is the same in every UI language. camelCase,
/// enums as camelCase strings, absent facts left out. Source-generated (<see cref="DoctorJsonContext"/>) rather than
/// reflection-based, so the trimmed single-file and Native AOT builds write the same document as <c>dotnet netprog.dll</c>
/// (reflection serialization is IL2026/IL3050).
/// </summary>
internal static class DoctorJson
{
    private static readonly DoctorJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        // The generic converters: the non-generic JsonStringEnumConverter needs run-time code generation under AOT.
        Converters =
        {
            new JsonStringEnumConverter<CheckStatus>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<PortState>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<DoctorCheckId>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<DoctorFinding>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<DoctorVerdict>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<FixCode>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<FirewallQueryFailure>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<TransportProtocol>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<SocketErrorKind>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<SocketError>(JsonNamingPolicy.CamelCase),
            new IPAddressJsonConverter(),
        },
    });

    public static string Serialize(DoctorReport report) => JsonSerializer.Serialize(report, Context.DoctorReport);
}
