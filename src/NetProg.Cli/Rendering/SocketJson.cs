using System.Text.Json;
using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Cli.Rendering;

/// <summary>
/// <c>netprog sockets --json</c>: <c>{ "sockets": [ { "protocol": "tcp"|"udp", "family": "ipv4"|"ipv6",
/// "localAddress", "localPort", "remoteAddress", "remotePort", "state", "pid", "processName", "ownerHidden" } ] }</c>.
/// Property names are stable; remoteAddress/remotePort are null for a listener or unconnected UDP socket, pid and
/// processName null when unknown (ownerHidden tells whether the OS hid them). The any-address is "0.0.0.0" or "::".
/// </summary>
internal static class SocketJson
{
    public static void Write(TextWriter output, IReadOnlyList<SocketEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("sockets");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("protocol", entry.Protocol == PortProtocol.Tcp ? "tcp" : "udp");
                json.WriteString("family", entry.Family == AddressFamily.InterNetwork ? "ipv4" : "ipv6");
                json.WriteString("localAddress", entry.Local.Address.ToString());
                json.WriteNumber("localPort", entry.Local.Port);
                json.WriteString("remoteAddress", entry.Remote?.Address.ToString());
                WriteNumberOrNull(json, "remotePort", entry.Remote?.Port);
                json.WriteString("state", entry.State);
                WriteNumberOrNull(json, "pid", entry.ProcessId);
                json.WriteString("processName", entry.ProcessName);
                json.WriteBoolean("ownerHidden", entry.OwnerHidden);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
