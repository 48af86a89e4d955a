using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetProg.Cli.Rendering;

/// <summary>JSON for <c>doctor --json</c>: camelCase, enums as lower-case strings, so scripts need not know numbers.</summary>
internal static class DoctorJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
