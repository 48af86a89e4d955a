namespace NetProg.Diagnostics.Sockets;

/// <summary>The display order: TCP before UDP, IPv4 before IPv6, then local port, local address, remote, pid.</summary>
public static class SocketOrder
{
    public static IReadOnlyList<SocketEntry> Sort(IEnumerable<SocketEntry> entries) =>
        [.. entries
            .OrderBy(e => e.Protocol)
            .ThenBy(e => e.Family == AddressFamily.InterNetwork ? 0 : 1)
            .ThenBy(e => e.Local.Port)
            .ThenBy(e => e.Local.Address.ToString(), StringComparer.Ordinal)
            .ThenBy(e => e.Remote?.Address.ToString() ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.Remote?.Port ?? 0)
            .ThenBy(e => e.ProcessId ?? -1)];
}
