namespace NetProg.Capture.Flows;

/// <summary>What a packet does in its conversation: the teaching view's classification, one per packet.</summary>
public enum PacketKind
{
    HandshakeSyn,
    HandshakeSynAck,
    HandshakeAck,
    Data,
    AckOnly,
    Fin,
    /// <summary>A RST answering a SYN: nothing listens on the port (RFC 9293 section 3.10.7.1).</summary>
    Refused,
    Reset,
    Retransmission,
    UdpDatagram,
    PortUnreachable,
    Icmp,
    Other,
}
