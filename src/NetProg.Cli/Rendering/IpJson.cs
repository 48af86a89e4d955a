using System.Text.Json;
using NetProg.Diagnostics.Interfaces;

namespace NetProg.Cli.Rendering;

/// <summary>
/// <c>netprog ip --json</c>: <c>{ "interfaces": [ { "name", "description", "type", "state", "mtu", "mac",
/// "addresses": [ { "address", "prefixLength", "family", "scope", "label", "virtualNetwork", "note" } ] } ], "reason" }</c>.
/// Property names are stable (scripts rely on them); enum values are camelCase strings.
/// </summary>
internal static class IpJson
{
    public static void Write(TextWriter output, InterfaceList list)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("interfaces");
            foreach (var nic in list.Interfaces)
            {
                json.WriteStartObject();
                json.WriteString("name", nic.Name);
                json.WriteString("description", nic.Description);
                json.WriteString("type", nic.Kind);
                json.WriteString("state", IpView.State(nic.State));
                if (nic.Mtu is { } mtu)
                {
                    json.WriteNumber("mtu", mtu);
                }
                else
                {
                    json.WriteNull("mtu");
                }

                json.WriteString("mac", nic.Mac);
                json.WriteStartArray("addresses");
                foreach (var address in nic.Addresses)
                {
                    json.WriteStartObject();
                    json.WriteString("address", address.Address.ToString());
                    json.WriteNumber("prefixLength", address.PrefixLength);
                    json.WriteString("family", address.Address.AddressFamily == AddressFamily.InterNetwork ? "ipv4" : "ipv6");
                    json.WriteString("scope", JsonNamingPolicy.CamelCase.ConvertName(address.Label.Scope.ToString()));
                    json.WriteString("label", address.Label.Text);
                    json.WriteString("virtualNetwork", address.Label.VirtualNetwork == VirtualNetwork.None ? null : JsonNamingPolicy.CamelCase.ConvertName(address.Label.VirtualNetwork.ToString()));
                    json.WriteString("note", address.Label.Note);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("reason", list.Reason);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
