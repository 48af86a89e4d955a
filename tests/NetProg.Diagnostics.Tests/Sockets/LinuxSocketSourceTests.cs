using System.Net;
using System.Net.Sockets;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>
/// The Linux table through netlink sock_diag and through its /proc fallback, on real loopback sockets: both find our own
/// listener and UDP socket with this process's pid and name, and the port-owner query over each names this process.
/// </summary>
public sealed class LinuxSocketSourceTests
{
    private static readonly string OurName = ExpectedName();

    [LinuxTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Should_find_our_listener_and_udp_socket_with_our_pid_and_name(bool netlink)
    {
        // Given a TCP listener and a UDP socket on loopback, port 0
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var udp = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        var tcpEnd = (IPEndPoint)listener.LocalEndpoint;
        var udpEnd = (IPEndPoint)udp.Client.LocalEndPoint!;

        // When the table is read from that source
        var snapshot = new LinuxSocketTable(source: Source(netlink)).Snapshot();

        // Then both are there, owned by this process, under its name
        var tcp = Assert.Single(snapshot, e => e.Protocol == PortProtocol.Tcp && e.Local.Equals(tcpEnd));
        Assert.Equal(SocketStates.Listen, tcp.State);
        Assert.Equal(Environment.ProcessId, tcp.ProcessId);
        Assert.Equal(OurName, tcp.ProcessName);
        var bound = Assert.Single(snapshot, e => e.Protocol == PortProtocol.Udp && e.Local.Equals(udpEnd));
        Assert.Equal(SocketStates.Unconnected, bound.State);
        Assert.Equal(Environment.ProcessId, bound.ProcessId);
    }

    [LinuxTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Should_answer_the_port_owner_query_with_this_process(bool netlink)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Equal([new PortOwner(Environment.ProcessId, OurName)], new LinuxSocketTable(source: Source(netlink)).FindOwners(PortProtocol.Tcp, port));
    }

    [LinuxFact]
    public async Task Should_read_the_same_sockets_of_ours_through_netlink_as_through_proc()
    {
        // Given a connection of this process to itself, both ends open
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();

        // When both sources are read
        var ours = new[] { listener.LocalEndpoint, client.Client.LocalEndPoint, accepted.Client.LocalEndPoint };
        IEnumerable<SocketEntry> Ours(LinuxSocketSource source) =>
            new LinuxSocketTable(source: source).Snapshot().Where(e => e.Protocol == PortProtocol.Tcp && ours.Contains(e.Local) && e.ProcessId == Environment.ProcessId);

        // Then they agree row for row: the same model whichever way the kernel was asked
        Assert.Equal(Ours(LinuxSocketSource.ProcNet).Select(Text), Ours(LinuxSocketSource.Netlink).Select(Text));
        Assert.Equal(3, Ours(LinuxSocketSource.Netlink).Count());
    }

    [LinuxFact]
    public void Should_ask_the_kernel_for_listeners_only_when_the_filter_wants_tcp_listeners()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var rows = new LinuxSocketTable().Read(new SocketFilter(ListeningOnly: true, Protocol: PortProtocol.Tcp));

        Assert.All(rows, r => Assert.Equal(SocketStates.Listen, r.Entry.State));
        Assert.Contains(rows, r => r.Entry.Local.Equals(listener.LocalEndpoint));
    }

    [LinuxFact]
    public void Should_stop_at_the_row_limit()
    {
        using var first = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var second = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.Single(new LinuxSocketTable(maxRows: 1).Read(SocketFilter.All));
        Assert.Single(new LinuxSocketTable(source: LinuxSocketSource.ProcNet, maxRows: 1).Read(SocketFilter.All));
    }

    [Fact]
    public void Should_read_the_inode_of_a_socket_link_only()
    {
        Assert.Equal(12345UL, ProcFdScanner.SocketInode("socket:[12345]"u8));
        Assert.Null(ProcFdScanner.SocketInode("pipe:[12345]"u8));
        Assert.Null(ProcFdScanner.SocketInode("socket:[]"u8));
        Assert.Null(ProcFdScanner.SocketInode("socket:[12a]"u8));
        Assert.Null(ProcFdScanner.SocketInode("socket:[99999999999999999999999]"u8));
        Assert.Null(ProcFdScanner.SocketInode("/dev/null"u8));
    }

    private static LinuxSocketSource Source(bool netlink) => netlink ? LinuxSocketSource.Netlink : LinuxSocketSource.ProcNet;

    private static string Text(SocketEntry e) => $"{e.Local} {e.Remote} {e.State} {e.ProcessId} {e.ProcessName}";

    // /proc/self/comm, or for `dotnet testhost.dll` the dll's name (ProcessNames).
    private static string ExpectedName()
    {
        if (!OperatingSystem.IsLinux())
        {
            return string.Empty;
        }

        var comm = File.ReadAllText("/proc/self/comm").TrimEnd('\n');
        return comm == "dotnet" ? "testhost" : comm;
    }
}
