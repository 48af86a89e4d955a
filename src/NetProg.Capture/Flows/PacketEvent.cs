using NetProg.Capture.Decoding;

namespace NetProg.Capture.Flows;

/// <summary>
/// One packet as the teaching view shows it: its number and time since the first packet, the decoded headers, the
/// conversation it belongs to, sequence and acknowledgment numbers relative to each side's first sequence number and the
/// window scaled by the handshake's window-scale option (both as Wireshark shows them), and what the packet does.
/// </summary>
public sealed record PacketEvent(
    int Number,
    TimeSpan RelativeTime,
    DecodedPacket Packet,
    int Conversation,
    PeerRole Sender,
    uint? RelativeSequence,
    uint? RelativeAcknowledgment,
    long? Window,
    PacketKind Kind,
    string Annotation)
{
    /// <summary>
    /// The two ends of the arrow in a flow graph. For an ICMP error they are the quoted datagram's ends, reversed: the port
    /// unreachable goes back from the port nobody listens on to the UDP socket that sent there.
    /// </summary>
    public Endpoint From => Packet.Icmp is { QuotedDestination: { Port: not null } d } ? d : Packet.Source;

    /// <inheritdoc cref="From"/>
    public Endpoint To => Packet.Icmp is { QuotedSource: { Port: not null } s } ? s : Packet.Destination;
}
