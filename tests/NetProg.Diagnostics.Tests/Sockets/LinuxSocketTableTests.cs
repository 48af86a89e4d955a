using System.Net;
using System.Net.Sockets;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>The real table on this machine: our own loopback sockets show up with our pid (the test).</summary>
public sealed class LinuxSocketTableTests
{
    [LinuxFact]
    public void Should_list_our_own_tcp_listener_and_udp_socket_with_our_pid()
    {
        // Given a TCP listener and a UDP socket on 127.0.0.1, port 0 (the OS picks a free one)
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var tcpPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        var udpPort = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

        // When the table is read
        var snapshot = SocketTables.ForCurrentOs().Snapshot();

        // Then both are there, owned by this process
        var tcp = Assert.Single(snapshot, e => e.Protocol == PortProtocol.Tcp && e.Local.Equals(new IPEndPoint(IPAddress.Loopback, tcpPort)) && e.State == SocketStates.Listen);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, tcpPort), tcp.Local);
        Assert.Equal(Environment.ProcessId, tcp.ProcessId);
        Assert.False(string.IsNullOrEmpty(tcp.ProcessName));

        var bound = Assert.Single(snapshot, e => e.Protocol == PortProtocol.Udp && e.Local.Equals(new IPEndPoint(IPAddress.Loopback, udpPort)));
        Assert.Equal(SocketStates.Unconnected, bound.State);
        Assert.Equal(Environment.ProcessId, bound.ProcessId);
    }

    [LinuxFact]
    public async Task Should_list_both_ends_of_a_loopback_connection()
    {
        // Given a connection from this process to itself
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient(AddressFamily.InterNetwork); // not dual-mode: that one shows in tcp6 as ::ffff:127.0.0.1
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();
        var clientEnd = (IPEndPoint)client.Client.LocalEndPoint!;

        // When the table is read
        var snapshot = SocketTables.ForCurrentOs().Snapshot();

        // Then the client's side is ESTABLISHED with the listener as its peer (matched on both ends: the same local port can
        // also appear in TIME_WAIT rows of earlier connections to other peers)
        var row = Assert.Single(snapshot, e => e.Local.Equals(clientEnd) && listener.LocalEndpoint.Equals(e.Remote));
        Assert.Equal(SocketStates.Established, row.State);
        Assert.Equal(Environment.ProcessId, row.ProcessId);
    }
}
