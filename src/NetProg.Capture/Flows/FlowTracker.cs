using NetProg.Capture.Decoding;

namespace NetProg.Capture.Flows;

/// <summary>
/// Follows every TCP conversation in both directions (IPv4 and IPv6 alike) and every UDP exchange, numbers the packets,
/// and says what each one does: the three-way handshake, data, acknowledgments, the FIN of each side, a reset, a
/// refused connection, a retransmission, a datagram, an ICMP port unreachable. Pure: feed it decoded packets in capture
/// order, from a device or a file. Memory is bounded: at most <see cref="MaxConversations"/> conversations are tracked,
/// the oldest forgotten first.
/// </summary>
public sealed partial class FlowTracker
{
    /// <summary>Conversations remembered at once; a long capture of a busy server forgets the oldest.</summary>
    public const int MaxConversations = 10_000;

    private readonly Dictionary<ConversationKey, TcpConversation> _tcp = [];
    private readonly Dictionary<ConversationKey, int> _udp = [];
    private readonly Queue<ConversationKey> _age = new();
    private DateTimeOffset? _start;
    private int _number;
    private int _conversations;

    /// <summary>Annotates the next packet.</summary>
    public PacketEvent Track(DecodedPacket packet)
    {
        _start ??= packet.Timestamp;
        var number = ++_number;
        var time = packet.Timestamp - _start.Value;
        return packet.Transport switch
        {
            TransportKind.Tcp => TrackTcp(number, time, packet),
            TransportKind.Udp => TrackUdp(number, time, packet),
            TransportKind.Icmp or TransportKind.IcmpV6 => TrackIcmp(number, time, packet),
            _ => new PacketEvent(number, time, packet, 0, PeerRole.None, null, null, null, PacketKind.Other, string.Format(Strings.Ip_Protocol, packet.IpProtocol)),
        };
    }

    private PacketEvent TrackUdp(int number, TimeSpan time, DecodedPacket packet)
    {
        var key = ConversationKey.Of(TransportKind.Udp, packet.Source, packet.Destination);
        if (!_udp.TryGetValue(key, out var id))
        {
            id = ++_conversations;
            _udp[key] = id;
            Remember(key);
        }

        // UDP has no connection: each datagram stands alone, and nothing acknowledges it (RFC 768).
        return new PacketEvent(number, time, packet, id, PeerRole.None, null, null, null, PacketKind.UdpDatagram, Strings.Udp_Datagram);
    }

    private PacketEvent TrackIcmp(int number, TimeSpan time, DecodedPacket packet)
    {
        var icmp = packet.Icmp;
        var conversation = 0;
        if (icmp is { QuotedSource: { } s, QuotedDestination: { } d, QuotedTransport: { } t })
        {
            // The error belongs to the conversation of the datagram it quotes.
            var key = ConversationKey.Of(t, s, d);
            conversation = t == TransportKind.Udp && _udp.TryGetValue(key, out var u) ? u
                : t == TransportKind.Tcp && _tcp.TryGetValue(key, out var c) ? c.Id : 0;
        }

        var (kind, text) = IcmpText.Describe(icmp);
        return new PacketEvent(number, time, packet, conversation, PeerRole.None, null, null, null, kind, text);
    }

    private void Remember(ConversationKey key)
    {
        _age.Enqueue(key);
        while (_age.Count > MaxConversations)
        {
            var old = _age.Dequeue();
            _tcp.Remove(old);
            _udp.Remove(old);
        }
    }
}
