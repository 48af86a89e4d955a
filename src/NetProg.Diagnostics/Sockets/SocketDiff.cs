namespace NetProg.Diagnostics.Sockets;

/// <summary>Compares two snapshots for <c>netprog sockets --watch</c>: a pure function, tested without sockets.</summary>
public static class SocketDiff
{
    /// <summary>
    /// Returns the rows of <paramref name="current"/> marked added, changed or unchanged, plus the rows of
    /// <paramref name="previous"/> that are gone, marked removed, all in <see cref="SocketOrder"/>.
    /// </summary>
    /// <remarks>
    /// A socket is identified by protocol, local and remote endpoint and pid; its state may change. Passing the
    /// previous <em>snapshot</em> (not the previous rows) shows a removed socket for exactly one refresh, as TCPView does.
    /// </remarks>
    public static IReadOnlyList<SocketRow> Compare(IReadOnlyList<SocketEntry> previous, IReadOnlyList<SocketEntry> current)
    {
        var before = new Dictionary<(PortProtocol, System.Net.IPEndPoint, System.Net.IPEndPoint?, int?), SocketEntry>();
        foreach (var entry in previous)
        {
            before.TryAdd(Key(entry), entry);
        }

        var rows = new List<SocketRow>(current.Count);
        var seen = new HashSet<(PortProtocol, System.Net.IPEndPoint, System.Net.IPEndPoint?, int?)>();
        foreach (var entry in current)
        {
            var key = Key(entry);
            seen.Add(key);
            var change = !before.TryGetValue(key, out var old) ? SocketChange.Added
                : old.State != entry.State ? SocketChange.Changed
                : SocketChange.Unchanged;
            rows.Add(new SocketRow(entry, change));
        }

        rows.AddRange(before.Where(pair => !seen.Contains(pair.Key)).Select(pair => new SocketRow(pair.Value, SocketChange.Removed)));
        var order = SocketOrder.Sort(rows.Select(r => r.Entry));
        var rank = new Dictionary<SocketEntry, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < order.Count; i++)
        {
            rank.TryAdd(order[i], i);
        }

        return [.. rows.OrderBy(r => rank[r.Entry])];
    }

    private static (PortProtocol, System.Net.IPEndPoint, System.Net.IPEndPoint?, int?) Key(SocketEntry entry) =>
        (entry.Protocol, entry.Local, entry.Remote, entry.ProcessId);
}
