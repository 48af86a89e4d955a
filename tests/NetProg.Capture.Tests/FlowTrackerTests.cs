using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;

namespace NetProg.Capture.Tests;

/// <summary>The teaching annotations, on real captures (TestData) and on hand-made segments for what loopback never shows.</summary>
public sealed class FlowTrackerTests
{
    [Fact]
    public void Should_annotate_a_TCP_time_exchange_from_handshake_to_teardown()
    {
        // Given the capture of time-client against time-server over IPv4 (the server closes first)
        var events = TestData.Events("tcp-time-v4.pcap");

        // Then each packet says what it does, as the lecture's TCP procedure slide
        Assert.Equal(
            [
                PacketKind.HandshakeSyn, PacketKind.HandshakeSynAck, PacketKind.HandshakeAck, PacketKind.Data,
                PacketKind.AckOnly, PacketKind.Fin, PacketKind.Fin, PacketKind.AckOnly,
            ],
            events.Select(e => e.Kind));
        Assert.Equal("handshake 1/3: SYN (client asks to connect)", events[0].Annotation);
        Assert.StartsWith("handshake 2/3: SYN-ACK", events[1].Annotation, StringComparison.Ordinal);
        Assert.Equal("handshake 3/3: ACK — connection established", events[2].Annotation);
        Assert.Equal("FIN from server: it will send no more", events[5].Annotation);
        Assert.StartsWith("FIN from client: it will send no more", events[6].Annotation, StringComparison.Ordinal);
        Assert.Equal("ACK only: of the last FIN — connection closed", events[7].Annotation);
        Assert.Equal(
            [PeerRole.Client, PeerRole.Server, PeerRole.Client, PeerRole.Server, PeerRole.Client, PeerRole.Server, PeerRole.Client, PeerRole.Server],
            events.Select(e => e.Sender));
    }

    [Fact]
    public void Should_number_seq_and_ack_and_scale_the_window_as_Wireshark_does()
    {
        // Given the same capture (tshark -r shows Seq=0; Seq=0 Ack=1; Seq=1 Ack=1; Seq=1 Ack=1 Len=25; Seq=1 Ack=26; ... Win=65536)
        var events = TestData.Events("tcp-time-v4.pcap");

        Assert.Equal([0u, 0, 1, 1, 1, 26, 1, 27], events.Select(e => e.RelativeSequence ?? 99));
        Assert.Equal([null, 1u, 1, 1, 26, 1, 27, 2], events.Select(e => e.RelativeAcknowledgment));

        // The SYN's window is never scaled; later ones are shifted by the handshake's window scale (10: 64 << 10 = 65536).
        Assert.Equal(65495, events[0].Window);
        Assert.Equal(65536, events[3].Window);
    }

    [Fact]
    public void Should_track_an_IPv6_echo_where_the_client_half_closes_first()
    {
        var events = TestData.Events("tcp-echo-v6.pcapng");

        Assert.All(events, e => Assert.True(e.Packet.IsIPv6));
        Assert.Equal(
            [
                PacketKind.HandshakeSyn, PacketKind.HandshakeSynAck, PacketKind.HandshakeAck, PacketKind.Data, PacketKind.AckOnly,
                PacketKind.Data, PacketKind.AckOnly, PacketKind.Fin, PacketKind.Fin, PacketKind.AckOnly,
            ],
            events.Select(e => e.Kind));
        Assert.Equal("FIN from client: it will send no more", events[7].Annotation);
        Assert.Equal(PeerRole.Client, events[3].Sender);
        Assert.Equal(PeerRole.Server, events[5].Sender);
        Assert.All(events, e => Assert.Equal(1, e.Conversation));
    }

    [Fact]
    public void Should_say_refused_when_a_RST_answers_the_SYN()
    {
        var events = TestData.Events("tcp-refused-v4.pcap");

        Assert.Equal([PacketKind.HandshakeSyn, PacketKind.Refused], events.Select(e => e.Kind));
        Assert.Equal("RST: refused — nothing listens on this port", events[1].Annotation);
    }

    [Theory]
    [InlineData("udp-time-v4.pcap")]
    [InlineData("udp-echo-v6.pcapng")]
    public void Should_show_UDP_datagrams_and_the_port_unreachable_that_answers_one_sent_nowhere(string file)
    {
        var events = TestData.Events(file);

        Assert.All(events[..^1], e => Assert.Equal((PacketKind.UdpDatagram, "UDP datagram"), (e.Kind, e.Annotation)));
        var icmp = events[^1];
        Assert.Equal(PacketKind.PortUnreachable, icmp.Kind);
        Assert.Equal("ICMP port unreachable: nothing listens on that UDP port", icmp.Annotation);

        // The error belongs to the datagram it quotes, and the flow graph draws it back to that datagram's sender.
        Assert.Equal(events[^2].Conversation, icmp.Conversation);
        Assert.Equal(events[^2].Packet.Source, icmp.To);
        Assert.Equal(events[^2].Packet.Destination, icmp.From);
    }

    [Fact]
    public void Should_not_credit_a_FIN_with_acknowledging_a_FIN_that_was_already_acknowledged()
    {
        // Given the server's FIN acknowledged by a separate ACK, and then the client's own FIN (seen on 'any' in a live run)
        var t = new SegmentBuilder();
        var tracker = new FlowTracker();
        tracker.Track(t.Client(TcpFlags.Syn, seq: 1000));
        tracker.Track(t.Server(TcpFlags.Syn | TcpFlags.Ack, seq: 5000, ack: 1001));
        tracker.Track(t.Client(TcpFlags.Ack, seq: 1001, ack: 5001));
        tracker.Track(t.Server(TcpFlags.Fin | TcpFlags.Ack, seq: 5001, ack: 1001));
        var ack = tracker.Track(t.Client(TcpFlags.Ack, seq: 1001, ack: 5002));
        var fin = tracker.Track(t.Client(TcpFlags.Fin | TcpFlags.Ack, seq: 1001, ack: 5002));
        var last = tracker.Track(t.Server(TcpFlags.Ack, seq: 5002, ack: 1002));

        Assert.Equal("ACK only: of the server's FIN", ack.Annotation);
        Assert.Equal("FIN from client: it will send no more", fin.Annotation);
        Assert.Equal("ACK only: of the last FIN — connection closed", last.Annotation);
    }

    [Fact]
    public void Should_flag_data_sent_again_as_a_retransmission_but_not_a_keepalive()
    {
        // Given an established connection where the client's 5 bytes are sent twice (the first copy was lost), then a keep-alive
        var t = new SegmentBuilder();
        var tracker = new FlowTracker();
        tracker.Track(t.Client(TcpFlags.Syn, seq: 1000));
        tracker.Track(t.Server(TcpFlags.Syn | TcpFlags.Ack, seq: 5000, ack: 1001));
        tracker.Track(t.Client(TcpFlags.Ack, seq: 1001, ack: 5001));
        var first = tracker.Track(t.Client(TcpFlags.Psh | TcpFlags.Ack, seq: 1001, ack: 5001, payload: "hello"));
        var again = tracker.Track(t.Client(TcpFlags.Psh | TcpFlags.Ack, seq: 1001, ack: 5001, payload: "hello"));
        tracker.Track(t.Server(TcpFlags.Ack, seq: 5001, ack: 1006));
        var keepAlive = tracker.Track(t.Client(TcpFlags.Ack, seq: 1005, ack: 5001, payload: "o"));

        Assert.Equal(PacketKind.Data, first.Kind);
        Assert.Equal(PacketKind.Retransmission, again.Kind);
        Assert.StartsWith("retransmission", again.Annotation, StringComparison.Ordinal);
        Assert.Equal(1u, again.RelativeSequence);
        Assert.NotEqual(PacketKind.Retransmission, keepAlive.Kind);
    }

    [Fact]
    public void Should_flag_a_repeated_SYN_as_a_retransmission()
    {
        // A SYN to a host that drops it (firewall): the client tries again after 1 s (RFC 6298 section 2.1).
        var t = new SegmentBuilder();
        var tracker = new FlowTracker();
        tracker.Track(t.Client(TcpFlags.Syn, seq: 1000));
        var again = tracker.Track(t.Client(TcpFlags.Syn, seq: 1000));

        Assert.Equal(PacketKind.Retransmission, again.Kind);
        Assert.Contains("SYN again", again.Annotation, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_call_a_RST_on_an_open_connection_an_abort_not_a_refusal()
    {
        var t = new SegmentBuilder();
        var tracker = new FlowTracker();
        tracker.Track(t.Client(TcpFlags.Syn, seq: 1000));
        tracker.Track(t.Server(TcpFlags.Syn | TcpFlags.Ack, seq: 5000, ack: 1001));
        tracker.Track(t.Client(TcpFlags.Ack, seq: 1001, ack: 5001));
        var reset = tracker.Track(t.Server(TcpFlags.Rst | TcpFlags.Ack, seq: 5001, ack: 1001));

        Assert.Equal(PacketKind.Reset, reset.Kind);
        Assert.StartsWith("RST from server", reset.Annotation, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_guess_the_server_by_its_lower_port_when_the_capture_starts_mid_connection()
    {
        var t = new SegmentBuilder();
        var tracker = new FlowTracker();
        var data = tracker.Track(t.Server(TcpFlags.Psh | TcpFlags.Ack, seq: 7000, ack: 3000, payload: "hi"));

        Assert.Equal(PeerRole.Server, data.Sender);
        Assert.Equal((1u, 1u), (data.RelativeSequence!.Value, data.RelativeAcknowledgment!.Value));
    }

    [Theory]
    [InlineData(new byte[] { 2, 4, 0xff, 0xd7, 4, 2, 8, 10, 1, 2, 3, 4, 0, 0, 0, 0, 1, 3, 3, 7 }, 7)]
    [InlineData(new byte[] { 2, 4, 0xff, 0xd7 }, null)]
    [InlineData(new byte[] { 1, 3, 3, 15 }, 14)]
    [InlineData(new byte[] { 3, 0 }, null)]
    public void Should_read_the_window_scale_option(byte[] options, int? shift) =>
        Assert.Equal(shift, FlowTracker.FindWindowScale(options));

    /// <summary>Hand-made TCP segments between 10.0.0.2:51000 (client) and 10.0.0.1:30000 (server).</summary>
    internal sealed class SegmentBuilder
    {
        private static readonly Endpoint ClientEnd = new(IPAddress.Parse("10.0.0.2"), 51000);
        private static readonly Endpoint ServerEnd = new(IPAddress.Parse("10.0.0.1"), 30000);
        private DateTimeOffset _time = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        public DecodedPacket Client(TcpFlags flags, uint seq, uint ack = 0, string payload = "") => Segment(ClientEnd, ServerEnd, flags, seq, ack, payload);

        public DecodedPacket Server(TcpFlags flags, uint seq, uint ack = 0, string payload = "") => Segment(ServerEnd, ClientEnd, flags, seq, ack, payload);

        private DecodedPacket Segment(Endpoint from, Endpoint to, TcpFlags flags, uint seq, uint ack, string payload)
        {
            _time = _time.AddMilliseconds(1);
            return new DecodedPacket(_time, from, to, TransportKind.Tcp, 6, flags, seq, ack, 512, System.Text.Encoding.ASCII.GetBytes(payload), null, 60 + payload.Length);
        }
    }
}
