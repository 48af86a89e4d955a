namespace NetProg.Capture.Flows;

/// <summary>How far a conversation got, as far as the packets seen show (a coarse version of RFC 9293's state diagram).</summary>
internal enum TcpState
{
    /// <summary>The capture began mid-connection.</summary>
    Unknown,
    SynSent,
    SynReceived,
    Established,
    Closed,
}
