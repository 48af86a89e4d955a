using System.Buffers.Binary;
using NetProg.Capture.Decoding;

namespace NetProg.Capture.Flows;

public sealed partial class FlowTracker
{
    private PacketEvent TrackTcp(int number, TimeSpan time, DecodedPacket packet)
    {
        var key = ConversationKey.Of(TransportKind.Tcp, packet.Source, packet.Destination);
        var flags = packet.Flags;
        var isSyn = (flags & TcpFlags.Syn) != 0;
        var isAck = (flags & TcpFlags.Ack) != 0;
        var isFin = (flags & TcpFlags.Fin) != 0;
        var isRst = (flags & TcpFlags.Rst) != 0;

        if (!_tcp.TryGetValue(key, out var conversation) || (isSyn && !isAck && conversation.State is TcpState.Closed))
        {
            // A new SYN on a closed four-tuple is a new connection (the port was reused after TIME_WAIT).
            conversation = new TcpConversation(++_conversations, packet.Source, packet.Destination);
            _tcp[key] = conversation;
            Remember(key);
        }

        var (sender, receiver) = conversation.Sides(packet.Source);
        if (isSyn && !isAck && conversation.Client is null)
        {
            conversation.Client = sender;
        }

        var payload = packet.Payload.Length;
        var length = (uint)payload + (isSyn ? 1u : 0) + (isFin ? 1u : 0);

        // A retransmission sends again sequence numbers already sent (Wireshark's tcp.analysis.retransmission): the
        // segment ends at or before the highest one seen. A keep-alive (one byte, one below) is not one (RFC 9293 3.8.4).
        var retransmission = length > 0 && sender.NextSequence is { } next
            && (int)(packet.Sequence + length - next) <= 0
            && !(payload <= 1 && !isSyn && !isFin && packet.Sequence == next - 1);

        if (sender.Base is null)
        {
            sender.Base = isSyn ? packet.Sequence : packet.Sequence - 1;
        }

        if (isAck && receiver.Base is null)
        {
            receiver.Base = packet.Acknowledgment - 1;
        }

        if (isSyn)
        {
            sender.SentSyn = true;
            sender.WindowScale = WindowScale(packet);
        }

        var end = packet.Sequence + length;
        if (sender.NextSequence is not { } highest || (int)(end - highest) > 0)
        {
            sender.NextSequence = end;
        }

        var role = conversation.RoleOf(sender);
        var (kind, text) = retransmission ? Retransmission(isSyn, isFin, role) : Classify(conversation, sender, receiver, packet, role);
        if (isFin && !retransmission)
        {
            sender.FinSequence = packet.Sequence + (uint)payload;
        }

        if (isAck && receiver.FinSequence is { } acked && (int)(packet.Acknowledgment - (acked + 1)) >= 0)
        {
            receiver.FinAcknowledged = true;
        }

        return new PacketEvent(
            number,
            time,
            packet,
            conversation.Id,
            role,
            sender.Relative(packet.Sequence),
            isAck ? receiver.Relative(packet.Acknowledgment) : null,
            ScaledWindow(packet, sender, receiver),
            kind,
            text);
    }

    private static (PacketKind, string) Classify(TcpConversation conversation, TcpSide sender, TcpSide receiver, DecodedPacket packet, PeerRole role)
    {
        var flags = packet.Flags;
        var isSyn = (flags & TcpFlags.Syn) != 0;
        var isAck = (flags & TcpFlags.Ack) != 0;
        var isFin = (flags & TcpFlags.Fin) != 0;
        var who = Role(role);

        if ((flags & TcpFlags.Rst) != 0)
        {
            var refused = conversation.State == TcpState.SynSent && role == PeerRole.Server;
            conversation.State = TcpState.Closed;

            // RFC 9293 section 3.10.7.1: a SYN to a CLOSED port is answered with RST (an "ECONNREFUSED" for the client).
            return refused
                ? (PacketKind.Refused, Strings.Tcp_Refused)
                : (PacketKind.Reset, string.Format(Strings.Tcp_Reset, who));
        }

        if (isSyn && !isAck)
        {
            conversation.State = TcpState.SynSent;
            return (PacketKind.HandshakeSyn, Strings.Tcp_Syn);
        }

        if (isSyn)
        {
            conversation.State = TcpState.SynReceived;
            return (PacketKind.HandshakeSynAck, Strings.Tcp_SynAck);
        }

        if (conversation.State == TcpState.SynReceived && role == PeerRole.Client && isAck && !isFin)
        {
            conversation.State = TcpState.Established;
            return packet.Payload.Length > 0
                ? (PacketKind.HandshakeAck, Strings.Tcp_AckWithData)
                : (PacketKind.HandshakeAck, Strings.Tcp_Ack);
        }

        if (conversation.State is TcpState.Unknown or TcpState.SynReceived)
        {
            conversation.State = TcpState.Established;
        }

        if (isFin)
        {
            var ackedFin = isAck && receiver.FinSequence is { } peerFin && packet.Acknowledgment == peerFin + 1 && !receiver.FinAcknowledged;
            var prefix = packet.Payload.Length > 0 ? Strings.Tcp_DataThen : string.Empty;
            var reply = ackedFin ? string.Format(Strings.Tcp_AcksFin, Role(Other(role))) : string.Empty;
            return (PacketKind.Fin, string.Format(Strings.Tcp_Fin, prefix, who, reply));
        }

        if (packet.Payload.Length > 0)
        {
            return (PacketKind.Data, Strings.Tcp_Data);
        }

        if (isAck && receiver.FinSequence is { } fin && packet.Acknowledgment == fin + 1 && !receiver.FinAcknowledged)
        {
            if (sender.FinSequence is not null)
            {
                conversation.State = TcpState.Closed;
                return (PacketKind.AckOnly, Strings.Tcp_AckLastFin);
            }

            return (PacketKind.AckOnly, string.Format(Strings.Tcp_AckOfFin, Role(Other(role))));
        }

        if (packet.Window == 0)
        {
            return (PacketKind.AckOnly, Strings.Tcp_ZeroWindow);
        }

        return (PacketKind.AckOnly, Strings.Tcp_AckOnly);
    }

    private static (PacketKind, string) Retransmission(bool isSyn, bool isFin, PeerRole role)
    {
        var what = isSyn ? Strings.Retransmit_Syn : isFin ? Strings.Retransmit_Fin : Strings.Retransmit_Data;
        return (PacketKind.Retransmission, string.Format(Strings.Retransmission, Role(role), what));
    }

    private static string Role(PeerRole role) => role == PeerRole.Client ? Strings.Role_Client : Strings.Role_Server;

    private static PeerRole Other(PeerRole role) => role == PeerRole.Client ? PeerRole.Server : PeerRole.Client;

    /// <summary>
    /// The window as the receiver of this segment must read it: shifted by the sender's window-scale option, once both SYNs
    /// carried one (RFC 7323 section 2.2); the window field of a SYN itself is never scaled.
    /// </summary>
    private static long ScaledWindow(DecodedPacket packet, TcpSide sender, TcpSide receiver)
    {
        if ((packet.Flags & TcpFlags.Syn) == 0 && sender.WindowScale is { } shift && receiver.WindowScale is not null)
        {
            return (long)packet.Window << shift;
        }

        return packet.Window;
    }

    /// <summary>The window-scale option (kind 3, length 3) of a SYN, read from the TCP header's options.</summary>
    private static int? WindowScale(DecodedPacket packet) => packet.TcpOptions.IsEmpty ? null : FindWindowScale(packet.TcpOptions.Span);

    internal static int? FindWindowScale(ReadOnlySpan<byte> options)
    {
        var i = 0;
        while (i < options.Length)
        {
            var kind = options[i];
            if (kind == 0)
            {
                break; // end of options
            }

            if (kind == 1)
            {
                i++; // no-operation
                continue;
            }

            if (i + 1 >= options.Length || options[i + 1] < 2)
            {
                break;
            }

            if (kind == 3 && options[i + 1] == 3 && i + 2 < options.Length)
            {
                return Math.Min((int)options[i + 2], 14); // RFC 7323 section 2.3: larger shifts are treated as 14
            }

            i += options[i + 1];
        }

        return null;
    }
}
