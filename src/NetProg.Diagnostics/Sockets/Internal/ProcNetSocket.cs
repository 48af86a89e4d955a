namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>One data row of /proc/net/{tcp,tcp6,udp,udp6}: the socket and the inode that ties it to a process.</summary>
/// <param name="Inode">The socket inode; 0 when no process holds it any more (TIME_WAIT, an orphan after close()).</param>
internal sealed record ProcNetSocket(SocketEntry Entry, ulong Inode);
