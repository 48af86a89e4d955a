using System.Text.Json;
using NetProg.Diagnostics.Routes;

namespace NetProg.Cli.Rendering;

/// <summary>
/// <c>netprog route --json</c>: <c>{ "source", "reason", "routes": [ { "family", "destination", "prefixLength",
/// "gateway", "onLink", "interface", "metric", "flags", "isDefault" } ] }</c>. Property names are stable; gateway and
/// metric are null when absent.
/// </summary>
internal static class RouteJson
{
    public static void Write(TextWriter output, RouteTableSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("source", snapshot.Source);
            json.WriteString("reason", snapshot.Reason);
            json.WriteStartArray("routes");
            foreach (var route in snapshot.Routes)
            {
                json.WriteStartObject();
                json.WriteString("family", route.Family == AddressFamily.InterNetwork ? "ipv4" : "ipv6");
                json.WriteString("destination", route.Destination.ToString());
                json.WriteNumber("prefixLength", route.PrefixLength);
                json.WriteString("gateway", route.Gateway?.ToString());
                json.WriteBoolean("onLink", route.IsOnLink);
                json.WriteString("interface", route.Interface);
                if (route.Metric is { } metric)
                {
                    json.WriteNumber("metric", metric);
                }
                else
                {
                    json.WriteNull("metric");
                }

                json.WriteString("flags", route.Flags);
                json.WriteBoolean("isDefault", route.IsDefault);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
