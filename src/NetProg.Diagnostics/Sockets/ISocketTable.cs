namespace NetProg.Diagnostics.Sockets;

/// <summary>Lists this machine's TCP and UDP sockets with their owning processes (one implementation per OS).</summary>
public interface ISocketTable
{
    /// <summary>
    /// Returns every TCP and UDP socket, IPv4 and IPv6, sorted by <see cref="SocketOrder"/>.
    /// </summary>
    /// <remarks>
    /// Never throws and never fails for lack of permission: a socket whose owner the OS hides is returned with
    /// <see cref="SocketEntry.OwnerHidden"/> set (as psutil does, giampaolo/psutil#1219). Returns within about 2 s; sockets of
    /// other network namespaces (containers) are not seen, as in ss(8).
    /// </remarks>
    IReadOnlyList<SocketEntry> Snapshot();
}
