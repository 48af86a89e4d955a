using NetProg.Diagnostics.Internal;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Diagnostics;

/// <summary>The port-owner lookup of this OS: a query over its socket table (<see cref="SocketTables.ForCurrentOs"/>).</summary>
public static class PortOwnerLookup
{
    /// <summary>
    /// <see cref="PortOwners.FindOwners"/> over <see cref="SocketTables.ForCurrentOs"/>: on Linux netlink <c>sock_diag</c>
    /// for the listeners, then one scan of /proc/[pid]/fd for their inodes; Windows the IP Helper tables; macOS and
    /// FreeBSD <c>lsof</c> for the one port; anything else "unknown" (empty).
    /// </summary>
    public static IPortOwnerLookup ForCurrentOs() => Over(SocketTables.ForCurrentOs());

    /// <summary>The lookup over another table (tests, a table read from elsewhere).</summary>
    public static IPortOwnerLookup Over(ISocketTable table) => new SocketTableOwnerLookup(table);
}
