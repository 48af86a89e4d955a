namespace NetProg.Diagnostics.Sockets;

/// <summary>
/// Lists this machine's TCP and UDP sockets with their owning processes (one implementation per OS). The port-owner
/// lookup is a query over it (<see cref="PortOwners"/>).
/// </summary>
public interface ISocketTable
{
    /// <summary>
    /// Returns every TCP and UDP socket, IPv4 and IPv6, sorted by <see cref="SocketOrder"/>.
    /// </summary>
    /// <remarks>
    /// Never throws and never fails for lack of permission: a socket whose owner the OS hides is returned with
    /// <see cref="SocketEntry.OwnerHidden"/> set (as psutil reports pid = None, giampaolo/psutil#1219). Returns within about 2 s; sockets of other network
    /// namespaces (containers) are not seen, as in ss(8). At most <see cref="SocketTables.MaxRows"/> rows are read, so a
    /// flood of sockets cannot exhaust memory.
    /// </remarks>
    IReadOnlyList<SocketEntry> Snapshot();

    /// <summary>
    /// The sockets <paramref name="filter"/> matches, as <see cref="Snapshot()"/> would list them. A table that can ask
    /// the OS for fewer rows (Linux: only listeners from the kernel; lsof: one port) does, so a port lookup stays cheap
    /// on a machine with many connections.
    /// </summary>
    IReadOnlyList<SocketEntry> Snapshot(SocketFilter filter) => filter.Apply(Snapshot());
}
