namespace NetProg.Capture.Flows;

/// <summary>Who sent a packet: the side that sent the first SYN is the client (for UDP: the side that spoke first).</summary>
public enum PeerRole
{
    None,
    Client,
    Server,
}
