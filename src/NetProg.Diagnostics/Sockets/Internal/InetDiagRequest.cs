using System.Buffers.Binary;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// Builds the netlink request that asks the kernel for a dump of one family's TCP or UDP sockets (sock_diag(7)): a
/// <c>struct nlmsghdr</c> (linux/netlink.h) of type <c>SOCK_DIAG_BY_FAMILY</c> with <c>NLM_F_REQUEST | NLM_F_DUMP</c>,
/// then a <c>struct inet_diag_req_v2</c> (linux/inet_diag.h). Pure bytes out, so it is tested without a kernel.
/// </summary>
internal static class InetDiagRequest
{
    /// <summary>nlmsghdr (16 bytes) + inet_diag_req_v2 (56 bytes).</summary>
    public const int Size = NetlinkHeaderSize + 56;

    public const int NetlinkHeaderSize = 16;

    /// <summary>SOCK_DIAG_BY_FAMILY (linux/sock_diag.h): both the request's and the replies' nlmsg_type.</summary>
    public const ushort SockDiagByFamily = 20;

    /// <summary>Every state: the kernel ANDs <c>idiag_states</c> with <c>1 &lt;&lt; sk_state</c>.</summary>
    public const uint AllStates = 0xFFFFFFFF;

    /// <summary>Only listening TCP sockets: <c>1 &lt;&lt; TCP_LISTEN</c> (TCPF_LISTEN, include/net/tcp_states.h).</summary>
    public const uint ListenState = 1u << LinuxSocketStates.Listen;

    // linux/netlink.h.
    private const ushort NlmFRequest = 0x001;
    private const ushort NlmFDump = 0x100 | 0x200; // NLM_F_ROOT | NLM_F_MATCH

    // Linux's AF_INET and AF_INET6 (include/linux/socket.h), not .NET's AddressFamily numbers (InterNetworkV6 is 23).
    public const byte AfInet = 2;
    public const byte AfInet6 = 10;

    // IPPROTO_TCP and IPPROTO_UDP (linux/in.h).
    private const byte IpProtoTcp = 6;
    private const byte IpProtoUdp = 17;

    /// <summary>Writes the request into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    /// <param name="states">A bit mask of kernel state numbers (<see cref="AllStates"/>, <see cref="ListenState"/>).</param>
    /// <param name="sequence">Echoed in every reply's nlmsg_seq, so a late reply to an earlier request is recognised.</param>
    /// <param name="littleEndianHost">Netlink headers are in the host's byte order (netlink(7)); tests pin it.</param>
    public static void Write(Span<byte> destination, AddressFamily family, PortProtocol protocol, uint states, uint sequence, bool littleEndianHost)
    {
        var request = destination[..Size];
        request.Clear();

        // struct nlmsghdr: nlmsg_len, nlmsg_type, nlmsg_flags, nlmsg_seq, nlmsg_pid (0: the kernel fills in our port id).
        WriteUInt32(request, Size, littleEndianHost);
        WriteUInt16(request[4..], SockDiagByFamily, littleEndianHost);
        WriteUInt16(request[6..], NlmFRequest | NlmFDump, littleEndianHost);
        WriteUInt32(request[8..], sequence, littleEndianHost);

        // struct inet_diag_req_v2: sdiag_family, sdiag_protocol, idiag_ext (no extensions: the base message has all we
        // show), pad, idiag_states, then a zeroed inet_diag_sockid (a dump ignores it).
        var body = request[NetlinkHeaderSize..];
        body[0] = family == AddressFamily.InterNetworkV6 ? AfInet6 : AfInet;
        body[1] = protocol == PortProtocol.Tcp ? IpProtoTcp : IpProtoUdp;
        WriteUInt32(body[4..], states, littleEndianHost);
    }

    private static void WriteUInt32(Span<byte> target, uint value, bool littleEndian)
    {
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(target, value);
        }
    }

    private static void WriteUInt16(Span<byte> target, ushort value, bool littleEndian)
    {
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(target, value);
        }
    }
}
