using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>
/// The Windows port-owner lookup is the owner query over the IP Helper table: here the rows <c>netstat -ano</c> would
/// print for a machine with listeners and connections on port 30000, as that table gives them.
/// </summary>
public sealed class WindowsPortOwnersTests
{
    private static readonly SocketEntry[] Table =
    [
        Tcp("0.0.0.0", 135, null, SocketStates.Listen, 1012),
        Tcp("0.0.0.0", 30000, null, SocketStates.Listen, 3984),
        Tcp("127.0.0.1", 30000, new IPEndPoint(IPAddress.Loopback, 50123), SocketStates.Established, 3984),
        Tcp("127.0.0.1", 50123, new IPEndPoint(IPAddress.Loopback, 30000), SocketStates.Established, 5120),
        Tcp("192.168.0.7", 300, null, SocketStates.Listen, 444),
        Tcp("192.168.0.7", 49876, new IPEndPoint(IPAddress.Parse("52.1.2.3"), 30000), SocketStates.Established, 6000),
        Tcp("::", 135, null, SocketStates.Listen, 1012),
        Tcp("::", 30000, null, SocketStates.Listen, 4100),
        Tcp("fe80::1c2a:3b4c:5d6e:7f80%12", 30000, null, SocketStates.Listen, 4200),
        Udp("0.0.0.0", 30000, 3984),
        Udp("0.0.0.0", 5353, 2222),
        Udp("::", 30000, 4100),
    ];

    [Fact]
    public void Should_find_ipv4_and_ipv6_tcp_listeners_but_not_connections()
    {
        // 0.0.0.0:30000 (3984), [::]:30000 (4100), [fe80::...%12]:30000 (4200); the ESTABLISHED rows on or to
        // port 30000 (3984 again, 5120, 6000) and the listener on port 300 (444) do not count.
        Assert.Equal([3984, 4100, 4200], Pids(PortProtocol.Tcp, 30000));
    }

    [Fact]
    public void Should_find_udp_sockets_which_have_no_state()
    {
        Assert.Equal([3984, 4100], Pids(PortProtocol.Udp, 30000));
    }

    [Fact]
    public void Should_not_match_a_port_that_only_ends_with_the_same_digits()
    {
        Assert.Equal([444], Pids(PortProtocol.Tcp, 300));
        Assert.Empty(Pids(PortProtocol.Tcp, 0));
    }

    [Fact]
    public void Should_find_listeners_by_state_number_whatever_the_language_of_windows()
    {
        // Given the row as GetExtendedTcpTable fills it: MIB_TCP_STATE 2 (LISTEN), 0.0.0.0:30000, pid 3984. netstat
        // prints the state in the UI language ("ABHÖREN" in German); the table carries the number, so no word is matched.
        var buffer = new byte[4 + IpHelperTableParser.Tcp4RowSize];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(12), 30000);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(24), 3984);

        var entries = IpHelperTableParser.ParseTcp(buffer, AddressFamily.InterNetwork);

        Assert.Equal([new PortOwner(3984, null)], PortOwners.Of(entries, PortProtocol.Tcp, 30000));
    }

    private static int[] Pids(PortProtocol protocol, int port) =>
        [.. PortOwners.Of(Table, protocol, port).Select(o => o.ProcessId)];

    private static SocketEntry Tcp(string address, int port, IPEndPoint? remote, string state, int pid) =>
        new(PortProtocol.Tcp, new IPEndPoint(IPAddress.Parse(address), port), remote, state, pid, "svc", OwnerHidden: false);

    private static SocketEntry Udp(string address, int port, int pid) =>
        new(PortProtocol.Udp, new IPEndPoint(IPAddress.Parse(address), port), null, SocketStates.Unconnected, pid, "svc", OwnerHidden: false);
}
