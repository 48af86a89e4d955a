using System.Buffers.Binary;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// Reads the kernel's replies to an <see cref="InetDiagRequest"/>: each datagram holds netlink messages (linux/netlink.h),
/// each a 16-byte <c>struct nlmsghdr</c> then, for <c>SOCK_DIAG_BY_FAMILY</c>, a 72-byte <c>struct inet_diag_msg</c>
/// (linux/inet_diag.h) and attributes we do not ask for; the dump ends with <c>NLMSG_DONE</c> or <c>NLMSG_ERROR</c>
/// (netlink(7), sock_diag(7)). Pure bytes in, rows out, tested on hand-built replies and fuzzed: a reply is never
/// trusted to be well formed.
/// </summary>
internal static class InetDiagReplyParser
{
    /// <summary>sizeof(struct inet_diag_msg).</summary>
    public const int MessageSize = 72;

    // linux/netlink.h.
    private const ushort NlmsgError = 2;
    private const ushort NlmsgDone = 3;

    // struct inet_diag_msg: idiag_family, idiag_state, idiag_timer, idiag_retrans, then struct inet_diag_sockid
    // (idiag_sport, idiag_dport as __be16; idiag_src[4], idiag_dst[4] as __be32; idiag_if; idiag_cookie[2]), then
    // idiag_expires, idiag_rqueue, idiag_wqueue, idiag_uid, idiag_inode.
    private const int StateOffset = 1;
    private const int SourcePortOffset = 4;
    private const int DestinationPortOffset = 6;
    private const int SourceOffset = 8;
    private const int DestinationOffset = 24;
    private const int InodeOffset = 68;

    /// <summary>Appends the sockets of one datagram to <paramref name="rows"/>, at most <paramref name="maxRows"/> in all.</summary>
    /// <param name="sequence">The request's nlmsg_seq: messages with another number (a late reply to an earlier request) are skipped.</param>
    /// <param name="littleEndianHost">Netlink headers and the u32 fields are in the host's byte order; ports and addresses in network order.</param>
    /// <param name="error">With <see cref="InetDiagProgress.Failed"/>: the errno the kernel sent, or 0 for a malformed reply.</param>
    public static InetDiagProgress Parse(
        ReadOnlySpan<byte> datagram, PortProtocol protocol, uint sequence, bool littleEndianHost, List<KernelSocket> rows, int maxRows, out int error)
    {
        error = 0;
        while (datagram.Length >= InetDiagRequest.NetlinkHeaderSize)
        {
            var length = ReadUInt32(datagram, littleEndianHost);
            if (length < InetDiagRequest.NetlinkHeaderSize || length > datagram.Length)
            {
                return InetDiagProgress.Failed;
            }

            var type = ReadUInt16(datagram[4..], littleEndianHost);
            var payload = datagram[InetDiagRequest.NetlinkHeaderSize..(int)length];
            if (ReadUInt32(datagram[8..], littleEndianHost) == sequence)
            {
                switch (type)
                {
                    case NlmsgDone:
                        // A dump's NLMSG_DONE carries an int: 0, or -errno when the dump failed part way (netlink(7)).
                        error = payload.Length >= 4 ? -(int)ReadUInt32(payload, littleEndianHost) : 0;
                        if (error > 0)
                        {
                            return InetDiagProgress.Failed;
                        }

                        error = 0; // A positive int is no errno: an errno is given only with Failed.
                        return InetDiagProgress.Done;
                    case NlmsgError:
                        // struct nlmsgerr: int error (-errno; 0 is an acknowledgement, which a dump does not send), then our request.
                        error = payload.Length >= 4 ? -(int)ReadUInt32(payload, littleEndianHost) : 0;
                        return InetDiagProgress.Failed;
                    case InetDiagRequest.SockDiagByFamily when payload.Length >= MessageSize:
                        if (TryRead(payload, protocol, littleEndianHost) is { } row)
                        {
                            rows.Add(row);
                            if (rows.Count >= maxRows)
                            {
                                return InetDiagProgress.Full;
                            }
                        }

                        break;
                }
            }

            // NLMSG_ALIGN: each message starts on a 4-byte boundary.
            var next = (int)Math.Min((length + 3) & ~3u, (uint)datagram.Length);
            datagram = datagram[next..];
        }

        return InetDiagProgress.More;
    }

    private static KernelSocket? TryRead(ReadOnlySpan<byte> message, PortProtocol protocol, bool littleEndianHost)
    {
        var addressLength = message[0] switch
        {
            InetDiagRequest.AfInet => 4,
            InetDiagRequest.AfInet6 => 16,
            _ => 0,
        };
        if (addressLength == 0)
        {
            return null;
        }

        var local = new IPEndPoint(new IPAddress(message.Slice(SourceOffset, addressLength)), BinaryPrimitives.ReadUInt16BigEndian(message[SourcePortOffset..]));
        var remote = new IPEndPoint(new IPAddress(message.Slice(DestinationOffset, addressLength)), BinaryPrimitives.ReadUInt16BigEndian(message[DestinationPortOffset..]));

        // As in /proc/net/*: a listener's or unconnected UDP socket's peer is all zeros, port 0, meaning no peer. The scope
        // (idiag_if) is left out as /proc leaves it out, so both sources print a link-local address alike.
        var peer = remote.Port == 0 && (remote.Address.Equals(IPAddress.Any) || remote.Address.Equals(IPAddress.IPv6Any)) ? null : remote;
        var entry = new SocketEntry(protocol, local, peer, LinuxSocketStates.Name(protocol, message[StateOffset]), null, null, OwnerHidden: false);
        return new KernelSocket(entry, ReadUInt32(message[InodeOffset..], littleEndianHost));
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> source, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(source) : BinaryPrimitives.ReadUInt32BigEndian(source);

    private static ushort ReadUInt16(ReadOnlySpan<byte> source, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(source) : BinaryPrimitives.ReadUInt16BigEndian(source);
}
