using System.Buffers.Binary;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// Reads every row of /proc/net/tcp, tcp6, udp and udp6 (format: net/ipv4/tcp_ipv4.c get_tcp4_sock,
/// net/ipv6/tcp_ipv6.c get_tcp6_sock, net/ipv4/udp.c udp4_format_sock): the Linux table's fallback when a netlink
/// <c>sock_diag</c> socket cannot be opened (<see cref="InetDiagReplyParser"/> reads the same rows from the kernel's
/// replies). Pure text in, rows out, tested on captured samples.
/// </summary>
internal static class ProcNetSocketParser
{
    // Columns after splitting on whitespace: "sl:" local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
    private const int LocalAddressColumn = 1;
    private const int RemoteAddressColumn = 2;
    private const int StateColumn = 3;
    private const int InodeColumn = 9;

    /// <param name="procNetText">The whole text of one file, header included.</param>
    /// <param name="protocol">TCP for tcp/tcp6, UDP for udp/udp6.</param>
    /// <param name="littleEndianHost">
    /// The byte order of the machine that wrote the text: the kernel prints each 32-bit word of the address with
    /// %08X as the CPU holds it, so "0100007F" is 127.0.0.1 on x86 (little-endian). Tests pin it; the live table
    /// passes <see cref="BitConverter.IsLittleEndian"/>.
    /// </param>
    public static IReadOnlyList<KernelSocket> Parse(string procNetText, PortProtocol protocol, bool littleEndianHost)
    {
        var rows = new List<KernelSocket>();
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
            var entry = new SocketEntry(protocol, local, peer, LinuxSocketStates.Name(protocol, state), null, null, OwnerHidden: false);
            rows.Add(new KernelSocket(entry, inode));
        }

        return rows;
    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    // "0100007F:7530" (IPv4) or "00000000000000000000000001000000:7531" (IPv6): 1 or 4 host-order 32-bit words,
    // then the port, printed after ntohs() and so plain big-endian hex.
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
