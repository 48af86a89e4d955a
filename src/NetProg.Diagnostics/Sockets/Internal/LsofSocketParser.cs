using NetProg.Protocols.Ports;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// Parses <c>lsof -nP -i -F pcPnT</c> (lsof(8), "OUTPUT FOR OTHER PROGRAMS"): one field per line, the first
/// character names it. 'p' starts a process set (then 'c' its command); 'f' starts a file set, whose 'P' is the
/// protocol (TCP/UDP), 'n' the name ("127.0.0.1:30000->127.0.0.1:51000", "*:30000", "[::1]:30001") and 'T' lines
/// TCP info ("TST=LISTEN"). <see cref="Diagnostics.Internal.LsofParser"/> reads only 'p' and 'c' for one port.
/// </summary>
internal static class LsofSocketParser
{
    public static IReadOnlyList<SocketEntry> Parse(string lsofFieldOutput)
    {
        var entries = new List<SocketEntry>();
        int? pid = null;
        string? command = null;
        string? protocol = null, name = null, state = null, type = null;

        foreach (var rawLine in lsofFieldOutput.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var value = line[1..];
            switch (line[0])
            {
                case 'p':
                    FlushFile();
                    pid = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
                    command = null;
                    break;
                case 'c':
                    command = value.Length > 0 ? value : null;
                    break;
                case 'f':
                    FlushFile();
                    break;
                case 't':
                    type = value;
                    break;
                case 'P':
                    protocol = value;
                    break;
                case 'n':
                    name = value;
                    break;
                case 'T' when value.StartsWith("ST=", StringComparison.Ordinal):
                    state = value[3..];
                    break;
            }
        }

        FlushFile();
        return entries;

        void FlushFile()
        {
            if (name is not null && protocol is "TCP" or "UDP" && TryParseName(name, type == "IPv6", out var local, out var remote))
            {
                var isTcp = protocol == "TCP";
                var stateName = isTcp ? state ?? SocketStates.Unknown(0) : remote is null ? SocketStates.Unconnected : SocketStates.Established;
                entries.Add(new SocketEntry(isTcp ? PortProtocol.Tcp : PortProtocol.Udp, local, remote, stateName, pid, command, OwnerHidden: false));
            }

            protocol = name = state = type = null;
        }
    }

    // "local->remote"; each side is "addr:port", "[v6addr]:port" or "*:port" (any address).
    private static bool TryParseName(string name, bool ipv6, out IPEndPoint local, out IPEndPoint? remote)
    {
        remote = null;
        var arrow = name.IndexOf("->", StringComparison.Ordinal);
        if (!TryParseSide(arrow < 0 ? name : name[..arrow], ipv6, out local))
        {
            return false;
        }

        if (arrow >= 0 && TryParseSide(name[(arrow + 2)..], ipv6, out var peer))
        {
            remote = peer;
        }

        return true;
    }

    private static bool TryParseSide(string side, bool ipv6, out IPEndPoint endPoint)
    {
        endPoint = new IPEndPoint(IPAddress.Any, 0);
        var colon = side.LastIndexOf(':');
        if (colon <= 0 || !PortSyntax.TryParsePort(side.AsSpan(colon + 1), allowZero: true, out var port, out _))
        {
            return false;
        }

        var host = side[..colon].Trim('[', ']');
        if (host == "*")
        {
            endPoint = new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, port);
            return true;
        }

        // macOS lsof appends the zone to link-local addresses ("[fe80:4::1]"), which IPAddress also accepts as "%zone".
        if (!IPAddress.TryParse(host, out var address))
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }
}
