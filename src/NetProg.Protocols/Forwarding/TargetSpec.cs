namespace NetProg.Protocols.Forwarding;

/// <summary>
/// <c>--to HOST[:PORT[-PORT]]</c>: the inner host (the router page's "internal IP address" and "internal port"). With no ports,
/// each listening port goes to the same port on HOST. A bare IPv6 literal (<c>fd00::5</c>) is a host with no port; with a port
/// it goes in brackets, <c>[fd00::5]:30000</c>.
/// </summary>
public sealed record TargetSpec(string Host, PortRange? Ports)
{
    public static bool TryParse(string text, out TargetSpec spec, out string error)
    {
        spec = null!;
        text = text.Trim();
        string host;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                error = string.Format(Strings.To_Brackets, text);
                return false;
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            portText = text[(colon + 1)..];
        }
        else
        {
            // No colon: a host alone. Several colons without brackets: an IPv6 literal alone.
            host = text;
        }

        if (host.Length == 0)
        {
            error = string.Format(Strings.To_NoHost, text);
            return false;
        }

        PortRange? ports = null;
        if (portText is not null)
        {
            if (!PortRange.TryParse(portText, allowZero: false, out var parsed, out var portError))
            {
                error = string.Format(Strings.To_Port, text, portError);
                return false;
            }

            ports = parsed;
        }

        spec = new TargetSpec(host, ports);
        error = string.Empty;
        return true;
    }
}
