using System.Globalization;

namespace NetProg.Diagnostics.Internal;

/// <summary>
/// Reads the socket tables the Linux kernel prints in /proc/net/tcp, tcp6, udp and udp6
/// (format: net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock, net/ipv4/udp.c udp4_format_sock).
/// Pure text in, inodes out, so it is tested on captured samples without a kernel.
/// </summary>
internal static class ProcNetParser
{
    // Kernel state numbers (include/net/tcp_states.h): TCP_LISTEN = 10 = 0x0A.
    private const int TcpListen = 0x0A;

    // Columns after splitting on whitespace: "sl:" local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
    private const int LocalAddressColumn = 1;
    private const int StateColumn = 3;
    private const int InodeColumn = 9;

    /// <summary>
    /// Returns the distinct socket inodes whose local port is <paramref name="port"/>, in file order.
    /// </summary>
    /// <param name="procNetText">The whole text of one /proc/net/{tcp,tcp6,udp,udp6} file, header included.</param>
    /// <param name="port">The local port (1-65535).</param>
    /// <param name="listeningOnly">
    /// <see langword="true"/> for TCP: keep only rows in state 0A (LISTEN), so an accepted connection or a client
    /// socket that happens to use the same local port is not taken for the listener.
    /// <see langword="false"/> for UDP, where a bound socket shows state 07 (TCP_CLOSE) or 01 once connected.
    /// </param>
    public static IReadOnlyList<ulong> ParseInodes(string procNetText, int port, bool listeningOnly)
    {
        var inodes = new List<ulong>();
        foreach (var rawLine in procNetText.Split('\n'))
        {
            var columns = rawLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            // The header starts with "sl"; data rows start with "<slot>:".
            if (columns.Length <= InodeColumn || !columns[0].EndsWith(':'))
            {
                continue;
            }

            if (!TryParseLocalPort(columns[LocalAddressColumn], out var localPort) || localPort != port)
            {
                continue;
            }

            if (listeningOnly
                && (!int.TryParse(columns[StateColumn], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var state)
                    || state != TcpListen))
            {
                continue;
            }

            // Inode 0 marks a socket no process holds any more (TIME_WAIT, or an orphan after close()).
            if (ulong.TryParse(columns[InodeColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
                && inode != 0
                && !inodes.Contains(inode))
            {
                inodes.Add(inode);
            }
        }

        return inodes;
    }

    // "0100007F:7530" (IPv4) or "00000000000000000000000001000000:7531" (IPv6): the address is in kernel byte
    // order, but the port is printed after ntohs(), so it reads as plain big-endian hex.
    private static bool TryParseLocalPort(string localAddress, out int port)
    {
        var colon = localAddress.LastIndexOf(':');
        port = 0;
        return colon >= 0
            && int.TryParse(localAddress.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out port);
    }
}
