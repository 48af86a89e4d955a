namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// The result of one scan of /proc/[pid]/fd: which process holds each socket inode, and whether the scan saw
/// everything (if not, an unmatched inode may belong to a process we could not read: its owner is hidden).
/// </summary>
/// <param name="OwnerByInode">The first holder of each inode, in /proc order (the lowest pid).</param>
internal sealed record ProcessSockets(IReadOnlyDictionary<ulong, PortOwner> OwnerByInode, bool Complete)
{
    public static ProcessSockets None { get; } = new(new Dictionary<ulong, PortOwner>(), Complete: false);

    /// <summary>The other holders of a socket shared across fork() or passed over a Unix socket, by inode.</summary>
    public IReadOnlyDictionary<ulong, IReadOnlyList<PortOwner>> SharedWith { get; init; } = new Dictionary<ulong, IReadOnlyList<PortOwner>>();

    /// <summary>Fills in the owner of each row: a pure join, tested on hand-made scans.</summary>
    public IReadOnlyList<SocketEntry> Join(IEnumerable<KernelSocket> rows) =>
        [.. rows.Select(row =>
            OwnerByInode.TryGetValue(row.Inode, out var owner)
                ? row.Entry with
                {
                    ProcessId = owner.ProcessId,
                    ProcessName = owner.ProcessName,
                    SharedWith = SharedWith.TryGetValue(row.Inode, out var others) ? others : [],
                }
                // Inode 0 has no process by definition (TIME_WAIT); any other unmatched inode is hidden only if
                // some process could not be read. As root, an unmatched inode is an orphan or another namespace's.
                : row.Entry with { OwnerHidden = row.Inode != 0 && !Complete })];
}
