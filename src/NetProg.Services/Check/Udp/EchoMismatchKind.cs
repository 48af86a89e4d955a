namespace NetProg.Services.Check.Udp;

/// <summary>How an echo's reply differs from what was sent: each points at a different bug in the server.</summary>
public enum EchoMismatchKind
{
    /// <summary>The same bytes came back.</summary>
    Same,

    /// <summary>The first bytes came back and the rest is missing: a buffer too small for recvfrom().</summary>
    Truncated,

    /// <summary>The bytes up to a NUL the datagram holds came back, nothing after it: strlen() or a string function.</summary>
    CutAtNul,

    /// <summary>All of it came back, followed by more: the tail of an earlier datagram left in the buffer.</summary>
    ExtraTail,

    /// <summary>Other bytes came back from <see cref="EchoMismatch.Offset"/> on.</summary>
    Different,
}
