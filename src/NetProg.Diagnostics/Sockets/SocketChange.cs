namespace NetProg.Diagnostics.Sockets;

/// <summary>How a socket changed between two snapshots (TCPView colours: new green, changed yellow, deleted red).</summary>
public enum SocketChange
{
    /// <summary>Present in both snapshots, same state.</summary>
    Unchanged,

    /// <summary>New since the previous snapshot.</summary>
    Added,

    /// <summary>Present in both, in another state (SYN_SENT became ESTABLISHED).</summary>
    Changed,

    /// <summary>Gone since the previous snapshot; shown once more so the eye can catch it.</summary>
    Removed,
}
