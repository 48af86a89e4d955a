using System.Net;
using System.Net.Sockets;
using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// <see cref="InetDiagReplyParser.Parse"/>, the Linux socket table's reader of the kernel's <c>sock_diag</c> replies
/// (netlink messages carrying <c>struct inet_diag_msg</c>, linux/inet_diag.h). It may not throw or read past the datagram
/// on any bytes; it keeps at most the row limit; every row has a port in range, an IPv4 or IPv6 address, no all-zero
/// peer, and for UDP a UDP state; and a datagram cut anywhere yields a prefix of the rows of the whole one.
/// </summary>
/// <remarks>Input: byte 0 bit 0 is the host byte order, bit 1 selects UDP, bits 4-7 the row limit (1-16, 0 = no limit); the rest is one datagram, sequence number 1.</remarks>
public sealed class SockDiagTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "sock-diag";

    /// <inheritdoc />
    public string Description => "InetDiagReplyParser.Parse on netlink sock_diag reply datagrams";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        bool littleEndian = (input[0] & 0x1) != 0;
        PortProtocol protocol = (input[0] & 0x2) != 0 ? PortProtocol.Udp : PortProtocol.Tcp;
        int limit = input[0] >> 4 is var l && l == 0 ? int.MaxValue : l;
        ReadOnlySpan<byte> datagram = input[1..];

        var rows = new List<KernelSocket>();
        InetDiagProgress progress = InetDiagReplyParser.Parse(datagram, protocol, 1, littleEndian, rows, limit, out int error);
        FuzzInvariantException.Check(rows.Count <= limit, $"{rows.Count} rows past the limit of {limit}");
        FuzzInvariantException.Check(progress != InetDiagProgress.Full || rows.Count == limit, "full before the limit");
        FuzzInvariantException.Check(progress == InetDiagProgress.Failed || error == 0, $"errno {error} without a failure");
        foreach (KernelSocket row in rows)
        {
            SocketEntry entry = row.Entry;
            FuzzInvariantException.Check(entry.Protocol == protocol, "a row of another protocol");
            CheckEndPoint(entry.Local, "local");
            if (entry.Remote is not null)
            {
                CheckEndPoint(entry.Remote, "remote");
                FuzzInvariantException.Check(entry.Remote.AddressFamily == entry.Local.AddressFamily, "a peer of another family");
                FuzzInvariantException.Check(
                    entry.Remote.Port != 0 || !(entry.Remote.Address.Equals(IPAddress.Any) || entry.Remote.Address.Equals(IPAddress.IPv6Any)),
                    "an all-zero peer kept as a peer");
            }

            FuzzInvariantException.Check(
                protocol == PortProtocol.Tcp || entry.State is SocketStates.Established or SocketStates.Unconnected,
                $"a UDP row in state {entry.State}");
            FuzzInvariantException.Check(row.Inode <= uint.MaxValue, "an inode wider than idiag_inode");
        }

        // The same bytes cut short (a datagram is never split by the kernel, but a parser must not care): a prefix.
        var shorter = new List<KernelSocket>();
        _ = InetDiagReplyParser.Parse(datagram[..(datagram.Length / 2)], protocol, 1, littleEndian, shorter, limit, out _);
        FuzzInvariantException.Check(
            shorter.Count <= rows.Count && shorter.Zip(rows).All(pair => pair.First == pair.Second),
            "half a datagram gave rows the whole one did not");
    }

    private static void CheckEndPoint(IPEndPoint endPoint, string which)
    {
        FuzzInvariantException.Check(endPoint.Port is >= 0 and <= 65535, $"{which} port {endPoint.Port}");
        FuzzInvariantException.Check(
            endPoint.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6,
            $"{which} address family {endPoint.AddressFamily}");
    }
}
