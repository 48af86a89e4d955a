namespace NetProg.Diagnostics.Sockets;

/// <summary>One TCP or UDP socket of this machine, as <c>netstat -na</c>, <c>ss -tuanp</c> or TCPView show it.</summary>
/// <param name="Protocol">TCP or UDP.</param>
/// <param name="Local">The local address and port (0.0.0.0 or :: for "any address").</param>
/// <param name="Remote">The peer, or <see langword="null"/> for a listener or an unconnected UDP socket.</param>
/// <param name="State">A name from <see cref="SocketStates"/>: TCP states as netstat spells them, UDP "UNCONN" or "ESTABLISHED".</param>
/// <param name="ProcessId">The owning process, or <see langword="null"/> when unknown (no owner, or <paramref name="OwnerHidden"/>).</param>
/// <param name="ProcessName">The owning process's short name, or <see langword="null"/> when unknown.</param>
/// <param name="OwnerHidden">
/// True when the OS would not tell us the owner (another user's process without root/admin): the CLI shows
/// "needs admin" instead of failing (psutil does the same with pid = None, giampaolo/psutil#1219).
/// </param>
public sealed record SocketEntry(
    PortProtocol Protocol,
    IPEndPoint Local,
    IPEndPoint? Remote,
    string State,
    int? ProcessId,
    string? ProcessName,
    bool OwnerHidden)
{
    /// <summary>
    /// The other processes holding this same socket, lowest pid first: a listener inherited across fork() by a
    /// pre-forking server, or passed over a Unix socket. <see cref="ProcessId"/> is the first holder; this list is empty
    /// for almost every socket, and where the OS lists a shared socket once per process (lsof).
    /// </summary>
    public IReadOnlyList<PortOwner> SharedWith { get; init; } = [];

    /// <summary>IPv4 or IPv6 (an IPv4-mapped ::ffff:a.b.c.d socket is IPv6, as in /proc/net/tcp6).</summary>
    public AddressFamily Family => Local.AddressFamily;
}
