using System.Net;
using System.Net.Sockets;
using System.Text;
using NetProg.Diagnostics;
using NetProg.Diagnostics.Internal;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// The two readers of /proc/net/{tcp,tcp6,udp,udp6}: <see cref="ProcNetSocketParser"/> (the <c>sockets</c> table) and
/// <see cref="ProcNetParser"/> (the port owner lookup). Neither may throw on any text; every row the table reader keeps
/// must have a port in range and an address of the family its width says; and the owner lookup, which is the more
/// lenient of the two, must find the inode of every row the table reader kept.
/// </summary>
/// <remarks>Input: byte 0 bit 0 is the byte order of the machine that printed the text, bit 1 selects UDP; the rest is the file, read as UTF-8 like <c>File.ReadAllText</c>.</remarks>
public sealed class ProcNetSocketsTarget : IFuzzTarget
{
    // Each cross-check rescans the text; a few rows show the agreement without making a long input quadratic.
    private const int CrossCheckedRows = 8;

    /// <inheritdoc />
    public string Name => "proc-net-sockets";

    /// <inheritdoc />
    public string Description => "ProcNetSocketParser.Parse and ProcNetParser.ParseInodes on /proc/net/{tcp,udp}[6] text, checked against each other";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        bool littleEndian = (input[0] & 0x1) != 0;
        PortProtocol protocol = (input[0] & 0x2) != 0 ? PortProtocol.Udp : PortProtocol.Tcp;
        string text = Encoding.UTF8.GetString(input[1..]);

        IReadOnlyList<ProcNetSocket> rows = ProcNetSocketParser.Parse(text, protocol, littleEndian);
        foreach (ProcNetSocket row in rows)
        {
            SocketEntry entry = row.Entry;
            FuzzInvariantException.Check(entry.Protocol == protocol, "a row of another protocol");
            CheckEndPoint(entry.Local, "local");
            if (entry.Remote is not null)
            {
                CheckEndPoint(entry.Remote, "remote");
                FuzzInvariantException.Check(
                    entry.Remote.Port != 0 || !(entry.Remote.Address.Equals(IPAddress.Any) || entry.Remote.Address.Equals(IPAddress.IPv6Any)),
                    "an all-zero peer kept as a peer");
            }

            FuzzInvariantException.Check(!string.IsNullOrEmpty(entry.State), "a row without a state");
            FuzzInvariantException.Check(
                protocol == PortProtocol.Tcp || entry.State is SocketStates.Established or SocketStates.Unconnected,
                $"a UDP row in state {entry.State}");
        }

        foreach (ProcNetSocket row in rows.Where(r => r.Inode != 0).Take(CrossCheckedRows))
        {
            int port = row.Entry.Local.Port;
            FuzzInvariantException.Check(
                ProcNetParser.ParseInodes(text, port, listeningOnly: false).Contains(row.Inode),
                $"the owner lookup misses inode {row.Inode} on port {port}");
            if (protocol == PortProtocol.Tcp && row.Entry.State == SocketStates.Listen)
            {
                FuzzInvariantException.Check(
                    ProcNetParser.ParseInodes(text, port, listeningOnly: true).Contains(row.Inode),
                    $"the owner lookup misses listener inode {row.Inode} on port {port}");
            }
        }
    }

    private static void CheckEndPoint(IPEndPoint endPoint, string which)
    {
        FuzzInvariantException.Check(endPoint.Port is >= 0 and <= 65535, $"{which} port {endPoint.Port}");
        FuzzInvariantException.Check(
            endPoint.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6,
            $"{which} address family {endPoint.AddressFamily}");
    }
}
