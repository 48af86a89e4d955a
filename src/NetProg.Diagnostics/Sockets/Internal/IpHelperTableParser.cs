using System.Buffers.Binary;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// Decodes the buffers GetExtendedTcpTable and GetExtendedUdpTable fill (iphlpapi, tcpmib.h / udpmib.h): a DWORD
/// row count, then fixed-size rows. Pure bytes in, entries out, so it is tested on hand-made buffers on any OS.
/// </summary>
internal static class IpHelperTableParser
{
    // MIB_TCPROW_OWNER_PID: dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort, dwOwningPid.
    public const int Tcp4RowSize = 24;

    // MIB_TCP6ROW_OWNER_PID: ucLocalAddr[16], dwLocalScopeId, dwLocalPort, ucRemoteAddr[16], dwRemoteScopeId,
    // dwRemotePort, dwState, dwOwningPid.
    public const int Tcp6RowSize = 56;

    // MIB_UDPROW_OWNER_PID: dwLocalAddr, dwLocalPort, dwOwningPid.
    public const int Udp4RowSize = 12;

    // MIB_UDP6ROW_OWNER_PID: ucLocalAddr[16], dwLocalScopeId, dwLocalPort, dwOwningPid.
    public const int Udp6RowSize = 28;

    // MIB_TCP_STATE (tcpmib.h): 1 CLOSED ... 12 DELETE_TCB.
    private static readonly string[] TcpStateNames =
    [
        SocketStates.Unknown(0),
        SocketStates.Close, SocketStates.Listen, SocketStates.SynSent, SocketStates.SynReceived, SocketStates.Established,
        SocketStates.FinWait1, SocketStates.FinWait2, SocketStates.CloseWait, SocketStates.Closing, SocketStates.LastAck,
        SocketStates.TimeWait, SocketStates.DeleteTcb,
    ];

    /// <summary>Rows of a TCP_TABLE_OWNER_PID_ALL table for <paramref name="family"/>, without process names.</summary>
    public static IReadOnlyList<SocketEntry> ParseTcp(ReadOnlySpan<byte> buffer, AddressFamily family)
    {
        var ipv6 = family == AddressFamily.InterNetworkV6;
        var rowSize = ipv6 ? Tcp6RowSize : Tcp4RowSize;
        var entries = new List<SocketEntry>();
        foreach (var bytes in Rows(buffer, rowSize))
        {
            ReadOnlySpan<byte> row = bytes;
            IPEndPoint local, remote;
            int state, pid;
            if (ipv6)
            {
                local = new IPEndPoint(new IPAddress(row[..16], ScopeId(row[16..])), Port(row[20..]));
                remote = new IPEndPoint(new IPAddress(row[24..40], ScopeId(row[40..])), Port(row[44..]));
                state = (int)BinaryPrimitives.ReadUInt32LittleEndian(row[48..]);
                pid = (int)BinaryPrimitives.ReadUInt32LittleEndian(row[52..]);
            }
            else
            {
                state = (int)BinaryPrimitives.ReadUInt32LittleEndian(row);
                local = new IPEndPoint(new IPAddress(row[4..8]), Port(row[8..]));
                remote = new IPEndPoint(new IPAddress(row[12..16]), Port(row[16..]));
                pid = (int)BinaryPrimitives.ReadUInt32LittleEndian(row[20..]);
            }

            // A listener's remote is 0.0.0.0:0 (or, seen on some versions, 0.0.0.0 with a junk port): no peer.
            var peer = state == 2 || (remote.Port == 0 && IsAny(remote.Address)) ? null : remote;
            var name = state > 0 && state < TcpStateNames.Length ? TcpStateNames[state] : SocketStates.Unknown(state);
            entries.Add(new SocketEntry(PortProtocol.Tcp, local, peer, name, Pid(pid), null, OwnerHidden: false));
        }

        return entries;
    }

    /// <summary>Rows of a UDP_TABLE_OWNER_PID table for <paramref name="family"/>: UDP rows carry no peer.</summary>
    public static IReadOnlyList<SocketEntry> ParseUdp(ReadOnlySpan<byte> buffer, AddressFamily family)
    {
        var ipv6 = family == AddressFamily.InterNetworkV6;
        var entries = new List<SocketEntry>();
        foreach (var bytes in Rows(buffer, ipv6 ? Udp6RowSize : Udp4RowSize))
        {
            ReadOnlySpan<byte> row = bytes;
            var local = ipv6
                ? new IPEndPoint(new IPAddress(row[..16], ScopeId(row[16..])), Port(row[20..]))
                : new IPEndPoint(new IPAddress(row[..4]), Port(row[4..]));
            var pid = (int)BinaryPrimitives.ReadUInt32LittleEndian(row[(ipv6 ? 24 : 8)..]);
            entries.Add(new SocketEntry(PortProtocol.Udp, local, null, SocketStates.Unconnected, Pid(pid), null, OwnerHidden: false));
        }

        return entries;
    }

    // Each row copied out (they are small), so callers can loop over them without holding a span across iterations.
    private static List<byte[]> Rows(ReadOnlySpan<byte> buffer, int rowSize)
    {
        var rows = new List<byte[]>();
        if (buffer.Length < 4)
        {
            return rows;
        }

        // dwNumEntries; rows follow at offset 4 (every field is a DWORD or bytes, so there is no padding).
        var count = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        for (long i = 0; i < count && 4 + ((i + 1) * rowSize) <= buffer.Length; i++)
        {
            rows.Add(buffer.Slice(4 + (int)(i * rowSize), rowSize).ToArray());
        }

        return rows;
    }

    // The port DWORD holds the port in network byte order in its low 16 bits: in memory, bytes 0-1 are big-endian
    // ("dwLocalPort ... in network byte order", MIB_TCPROW_OWNER_PID docs); bytes 2-3 are undefined.
    private static int Port(ReadOnlySpan<byte> field) => BinaryPrimitives.ReadUInt16BigEndian(field);

    private static long ScopeId(ReadOnlySpan<byte> field) => BinaryPrimitives.ReadUInt32LittleEndian(field);

    // Pid 0 is the System Idle Process, which Windows shows as owner of TIME_WAIT rows: there is no real owner.
    private static int? Pid(int pid) => pid == 0 ? null : pid;

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
