using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetProg.Cli.Rendering;

/// <summary>
/// An <see cref="IPAddress"/> as the string users type (<c>192.0.2.2</c>, <c>::1</c>, an IPv4-mapped address as its IPv4
/// form): System.Text.Json has no converter of its own and would write the object's properties.
/// </summary>
internal sealed class IPAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } text && IPAddress.TryParse(text, out var address) ? address : throw new JsonException($"not an IP address: '{reader.GetString()}'");

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Transport.EndPointText.Normalize(value).ToString());
}
