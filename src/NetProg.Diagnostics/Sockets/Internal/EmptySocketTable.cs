namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>An OS we have no source for: an empty table rather than an exception.</summary>
internal sealed class EmptySocketTable : ISocketTable
{
    public IReadOnlyList<SocketEntry> Snapshot() => [];
}
