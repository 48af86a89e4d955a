using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// Reads every row of /proc/net/tcp, tcp6, udp and udp6 (format: net/ipv4/tcp_ipv4.c get_tcp4_sock,
/// net/ipv6/tcp_ipv6.c get_tcp6_sock, net/ipv4/udp.c udp4_format_sock). Beside
/// <see cref="Diagnostics.Internal.ProcNetParser"/>, which keeps only the inodes of one port, this one needs the
/// addresses and states too. Pure text in, rows out, tested on captured samples.
/// </summary>
internal static class ProcNetSocketParser
{
    // Columns after splitting on whitespace: "sl:" local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
    private const int LocalAddressColumn = 1;
    private const int RemoteAddressColumn = 2;
    private const int StateColumn = 3;
    private const int InodeColumn = 9;

    // include/net/tcp_states.h. UDP reuses the numbers: an unconnected socket is TCP_CLOSE (7), a connect()ed one
    // TCP_ESTABLISHED (1) (net/ipv4/datagram.c __ip4_datagram_connect).
    private static readonly string[] TcpStateNames =
    [
        SocketStates.Unknown(0),
        SocketStates.Established, // 0x01 TCP_ESTABLISHED
        SocketStates.SynSent, // 0x02 TCP_SYN_SENT
        SocketStates.SynReceived, // 0x03 TCP_SYN_RECV
        SocketStates.FinWait1, // 0x04 TCP_FIN_WAIT1
        SocketStates.FinWait2, // 0x05 TCP_FIN_WAIT2
        SocketStates.TimeWait, // 0x06 TCP_TIME_WAIT
        SocketStates.Close, // 0x07 TCP_CLOSE
        SocketStates.CloseWait, // 0x08 TCP_CLOSE_WAIT
        SocketStates.LastAck, // 0x09 TCP_LAST_ACK
        SocketStates.Listen, // 0x0A TCP_LISTEN
        SocketStates.Closing, // 0x0B TCP_CLOSING
        SocketStates.SynReceived, // 0x0C TCP_NEW_SYN_RECV: a request socket, shown as SYN_RECV like ss does
    ];

    /// <param name="procNetText">The whole text of one file, header included.</param>
    /// <param name="protocol">TCP for tcp/tcp6, UDP for udp/udp6.</param>
    /// <param name="littleEndianHost">
    /// The byte order of the machine that wrote the text: the kernel prints each 32-bit word of the address with
    /// %08X as the CPU holds it, so "0100007F" is 127.0.0.1 on x86 (little-endian). Tests pin it; the live table
    /// passes <see cref="BitConverter.IsLittleEndian"/>.
    /// </param>
    public static IReadOnlyList<ProcNetSocket> Parse(string procNetText, PortProtocol protocol, bool littleEndianHost)
    {
        var rows = new List<ProcNetSocket>();
        foreach (var rawLine in procNetText.Split('\n'))
        {
            var columns = rawLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            // The header starts with "sl"; data rows start with "<slot>:".
            if (columns.Length <= InodeColumn || !columns[0].EndsWith(':'))
            {
                continue;
            }

            if (!TryParseEndPoint(columns[LocalAddressColumn], littleEndianHost, out var local)
                || !TryParseEndPoint(columns[RemoteAddressColumn], littleEndianHost, out var remote)
                || !int.TryParse(columns[StateColumn], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var state)
                || !ulong.TryParse(columns[InodeColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                continue;
            }

            // A listener's or unconnected UDP socket's peer is all zeros, port 0: no peer.
            var peer = remote.Port == 0 && IsAny(remote.Address) ? null : remote;
            var entry = new SocketEntry(protocol, local, peer, StateName(protocol, state), null, null, OwnerHidden: false);
            rows.Add(new ProcNetSocket(entry, inode));
        }

        return rows;
    }

    private static string StateName(PortProtocol protocol, int state)
    {
        if (protocol == PortProtocol.Udp)
        {
            return state == 0x01 ? SocketStates.Established : SocketStates.Unconnected;
        }

        return state > 0 && state < TcpStateNames.Length ? TcpStateNames[state] : SocketStates.Unknown(state);
    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    // "0100007F:7530" (IPv4) or "00000000000000000000000001000000:7531" (IPv6): 1 or 4 host-order 32-bit words,
    // then the port, printed after ntohs() and so plain big-endian hex (same reading as ProcNetParser).
    internal static bool TryParseEndPoint(string text, bool littleEndianHost, out IPEndPoint endPoint)
    {
        endPoint = new IPEndPoint(IPAddress.Any, 0);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is not (8 or 32)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port)
            || port is < 0 or > 65535)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[colon / 2];
        for (var word = 0; word < colon / 8; word++)
        {
            if (!uint.TryParse(text.AsSpan(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var target = bytes.Slice(word * 4, 4);
            if (littleEndianHost)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(target, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(target, value);
            }
        }

        endPoint = new IPEndPoint(new IPAddress(bytes), port);
        return true;
    }
}
