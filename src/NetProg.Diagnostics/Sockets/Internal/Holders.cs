namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// The holders of each socket inode found by one fd scan: the first in a flat map (one entry per socket, tens of
/// thousands on a busy server), the rare others (a socket shared across fork()) beside it.
/// </summary>
internal sealed class Holders
{
    private readonly Dictionary<ulong, List<PortOwner>> _others = [];

    public Dictionary<ulong, PortOwner> First { get; } = [];

    /// <summary>Records that <paramref name="owner"/> holds <paramref name="inode"/>; false if it was already known to.</summary>
    public bool Add(ulong inode, PortOwner owner)
    {
        if (First.TryAdd(inode, owner))
        {
            return true;
        }

        // The same socket in two descriptors of one process (dup(2)) is one holder.
        if (ReferenceEquals(First[inode], owner))
        {
            return false;
        }

        if (!_others.TryGetValue(inode, out var others))
        {
            _others[inode] = others = [];
        }

        if (others.Contains(owner))
        {
            return false;
        }

        others.Add(owner);
        return true;
    }

    public Dictionary<ulong, IReadOnlyList<PortOwner>> Others() =>
        _others.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<PortOwner>)pair.Value);
}
