namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// The kernel's socket state numbers (include/net/tcp_states.h), as both <c>sock_diag</c> (<c>idiag_state</c>) and
/// /proc/net/* (the <c>st</c> column) give them, and their names in <see cref="SocketStates"/>.
/// </summary>
internal static class LinuxSocketStates
{
    public const int Established = 0x01;
    public const int Listen = 0x0A;

    // UDP reuses the numbers: an unconnected socket is TCP_CLOSE (7), a connect()ed one TCP_ESTABLISHED (1)
    // (net/ipv4/datagram.c __ip4_datagram_connect).
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

    public static string Name(PortProtocol protocol, int state)
    {
        if (protocol == PortProtocol.Udp)
        {
            return state == Established ? SocketStates.Established : SocketStates.Unconnected;
        }

        return state > 0 && state < TcpStateNames.Length ? TcpStateNames[state] : SocketStates.Unknown(state);
    }
}
