using System.Net;
using System.Net.Sockets;
using System.Text;
using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// The reader of /proc/net/{tcp,tcp6,udp,udp6}, <see cref="ProcNetSocketParser"/> (the Linux socket table's fallback),
/// and the port-owner query over its rows, <see cref="PortOwners.Of"/>. The reader may not throw on any text; every row
/// it keeps must have a port in range and an address of the family its width says; and the owner query must name the
/// holder of every TCP listener and every UDP socket the reader kept, on its local port.
/// </summary>
/// <remarks>Input: byte 0 bit 0 is the byte order of the machine that printed the text, bit 1 selects UDP; the rest is the file, read as UTF-8 like <c>File.ReadAllText</c>.</remarks>
public sealed class ProcNetSocketsTarget : IFuzzTarget
{
    // A few rows show the agreement; the parser itself is checked on every row.
    private const int CrossCheckedRows = 8;

    /// <inheritdoc />
    public string Name => "proc-net-sockets";

    /// <inheritdoc />
    public string Description => "ProcNetSocketParser.Parse on /proc/net/{tcp,udp}[6] text, and PortOwners.Of over its rows";

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

        IReadOnlyList<KernelSocket> rows = ProcNetSocketParser.Parse(text, protocol, littleEndian);
        foreach (KernelSocket row in rows)
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

        foreach (KernelSocket row in rows.Where(r => r.Inode != 0).Take(CrossCheckedRows))
        {
            // The row as the table shows it once the fd scan found its holder.
            int port = row.Entry.Local.Port;
            SocketEntry owned = row.Entry with { ProcessId = 4242, ProcessName = "fuzz" };
            bool owner = protocol == PortProtocol.Udp || row.Entry.State == SocketStates.Listen;
            FuzzInvariantException.Check(
                PortOwners.Of([owned], protocol, port).Any(o => o.ProcessId == 4242) == owner,
                $"the owner query {(owner ? "misses" : "takes")} inode {row.Inode} on port {port} in state {row.Entry.State}");
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
