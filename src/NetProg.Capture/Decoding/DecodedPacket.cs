namespace NetProg.Capture.Decoding;

/// <summary>
/// What the teaching view needs from one IP packet: who to whom, over what, and for TCP the header fields Wireshark shows.
/// Sequence and acknowledgment numbers are the raw 32-bit values; the flow tracker makes them relative.
/// </summary>
public sealed record DecodedPacket(
    DateTimeOffset Timestamp,
    Endpoint Source,
    Endpoint Destination,
    TransportKind Transport,
    int IpProtocol,
    TcpFlags Flags,
    uint Sequence,
    uint Acknowledgment,
    int Window,
    ReadOnlyMemory<byte> Payload,
    IcmpMessage? Icmp,
    int FrameLength)
{
    /// <summary>The TCP header's options (window scale, MSS, SACK, timestamps), empty for other protocols.</summary>
    public ReadOnlyMemory<byte> TcpOptions { get; init; }

    public bool IsIPv6 => Source.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
}
