namespace NetProg.Protocols.Forwarding;

/// <summary>
/// <c>--listen [ADDR:]PORT[-PORT]</c>: where the forwarder accepts clients. <see cref="Address"/> is null when only ports were
/// given (every local address); an IPv6 address with ports is written in brackets, <c>[::1]:30000</c>, as in a URL (RFC 3986 §3.2.2).
/// </summary>
public sealed record ListenSpec(string? Address, PortRange Ports)
{
    public static bool TryParse(string text, out ListenSpec spec, out string error)
    {
        spec = null!;
        text = text.Trim();
        string? address = null;
        var portText = text;
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            address = text[..colon];
            portText = text[(colon + 1)..];
            if (address.Contains(':', StringComparison.Ordinal) && !(address.StartsWith('[') && address.EndsWith(']')))
            {
                error = string.Format(Strings.Listen_Brackets, text);
                return false;
            }

            address = address.Trim('[', ']');
            if (address.Length == 0)
            {
                error = string.Format(Strings.Listen_EmptyAddress, text);
                return false;
            }
        }

        if (!PortRange.TryParse(portText, allowZero: true, out var ports, out var portError))
        {
            error = string.Format(Strings.Listen_Port, text, portError);
            return false;
        }

        spec = new ListenSpec(address, ports);
        error = string.Empty;
        return true;
    }

    public override string ToString() => Address is null
        ? Ports.ToString()
        : Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Ports}" : $"{Address}:{Ports}";
}
