namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// One socket as the Linux kernel reports it (a <c>sock_diag</c> message or a /proc/net/{tcp,tcp6,udp,udp6} row): the
/// socket, and the inode that ties it to the processes holding it.
/// </summary>
/// <param name="Inode">The socket inode; 0 when no process holds it any more (TIME_WAIT, an orphan after close()).</param>
internal sealed record KernelSocket(SocketEntry Entry, ulong Inode);
