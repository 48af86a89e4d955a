namespace NetProg.Diagnostics.Sockets;

/// <summary>
/// "Who owns port 30000/tcp?" as a query over the socket table: the processes holding a listening TCP socket, or any UDP
/// socket, whose local port is the one asked about. The one definition of a port's owner, on every OS.
/// </summary>
public static class PortOwners
{
    /// <summary>
    /// The processes with a listening TCP socket (<see cref="PortProtocol.Tcp"/>) or a bound UDP socket
    /// (<see cref="PortProtocol.Udp"/>) on local <paramref name="port"/>, on any local address, IPv4 and IPv6, each once,
    /// ordered by process id. Empty for an impossible port, and when the OS does not tell (see <see cref="IPortOwnerLookup"/>).
    /// </summary>
    public static IReadOnlyList<PortOwner> FindOwners(this ISocketTable table, PortProtocol protocol, int port)
    {
        if (port is < 1 or > 65535)
        {
            return [];
        }

        // Only listeners for TCP: an accepted connection, or a client that happens to use the same local port, is not the
        // server. Any UDP socket: UDP has no listen state, and a connect()ed one still holds the port.
        return Of(table.Snapshot(new SocketFilter(ListeningOnly: protocol == PortProtocol.Tcp, Protocol: protocol, Port: port)), protocol, port);
    }

    /// <summary>The owners of <paramref name="port"/> among <paramref name="entries"/>: a pure function, tested on hand-made rows.</summary>
    public static IReadOnlyList<PortOwner> Of(IEnumerable<SocketEntry> entries, PortProtocol protocol, int port)
    {
        var owners = new SortedDictionary<int, PortOwner>();
        foreach (var entry in entries)
        {
            if (entry.Protocol != protocol
                || entry.Local.Port != port
                || (protocol == PortProtocol.Tcp && entry.State != SocketStates.Listen)
                || entry.ProcessId is not { } pid)
            {
                continue;
            }

            // A socket shared across fork() has several owners: the pre-forking server's parent and its children.
            owners.TryAdd(pid, new PortOwner(pid, entry.ProcessName));
            foreach (var other in entry.SharedWith)
            {
                owners.TryAdd(other.ProcessId, other);
            }
        }

        return [.. owners.Values];
    }
}
