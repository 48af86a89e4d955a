namespace NetProg.Diagnostics.Sockets;

/// <summary>
/// Which sockets to show: <c>netprog sockets --listening --tcp --port 30000</c>. A pure function over a snapshot.
/// </summary>
/// <param name="ListeningOnly">
/// Only sockets waiting for peers: TCP in LISTEN, UDP with no fixed peer (what <c>ss -l</c> and <c>netstat -l</c>
/// count as listening for UDP, since UDP has no listen state).
/// </param>
/// <param name="Protocol">Only this protocol, or both when <see langword="null"/>.</param>
/// <param name="Port">Only sockets whose local or remote port is this one (the server's side and its clients' side), or all when <see langword="null"/>.</param>
public sealed record SocketFilter(bool ListeningOnly = false, PortProtocol? Protocol = null, int? Port = null)
{
    /// <summary>Everything.</summary>
    public static SocketFilter All { get; } = new();

    public bool Matches(SocketEntry entry) =>
        (Protocol is null || entry.Protocol == Protocol)
        && (!ListeningOnly || IsListening(entry))
        && (Port is null || entry.Local.Port == Port || entry.Remote?.Port == Port);

    public IReadOnlyList<SocketEntry> Apply(IEnumerable<SocketEntry> entries) => [.. entries.Where(Matches)];

    private static bool IsListening(SocketEntry entry) => entry.Protocol == PortProtocol.Tcp
        ? entry.State == SocketStates.Listen
        : entry.Remote is null;
}
