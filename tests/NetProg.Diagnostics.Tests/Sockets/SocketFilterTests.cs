using System.Net;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary><c>--listening</c>, <c>--tcp</c>/<c>--udp</c> and <c>--port</c> as a pure function over a snapshot.</summary>
public sealed class SocketFilterTests
{
    private static readonly SocketEntry Listener = Sample.TcpListener(30000);
    private static readonly SocketEntry Client = Sample.TcpConnection(51000, 30000);
    private static readonly SocketEntry Other = Sample.TcpConnection(52000, 443);
    private static readonly SocketEntry UdpServer = Sample.Udp(30000);
    private static readonly SocketEntry UdpClient = Sample.Udp(53000, new IPEndPoint(IPAddress.Loopback, 53));
    private static readonly SocketEntry[] Snapshot = [Listener, Client, Other, UdpServer, UdpClient];

    [Fact]
    public void Should_keep_everything_without_options()
    {
        Assert.Equal(Snapshot, SocketFilter.All.Apply(Snapshot));
    }

    [Fact]
    public void Should_keep_tcp_listeners_and_unconnected_udp_when_listening()
    {
        // Given ss -l's meaning of "listening" for UDP (no fixed peer), When filtered
        var listening = new SocketFilter(ListeningOnly: true).Apply(Snapshot);

        // Then
        Assert.Equal([Listener, UdpServer], listening);
    }

    [Fact]
    public void Should_keep_one_protocol()
    {
        Assert.Equal([UdpServer, UdpClient], new SocketFilter(Protocol: PortProtocol.Udp).Apply(Snapshot));
        Assert.Equal([Listener, Client, Other], new SocketFilter(Protocol: PortProtocol.Tcp).Apply(Snapshot));
    }

    [Fact]
    public void Should_match_the_port_on_either_side()
    {
        // Given port 30000: the server's sockets and the client connected to it
        var matched = new SocketFilter(Port: 30000).Apply(Snapshot);

        Assert.Equal([Listener, Client, UdpServer], matched);
    }

    [Fact]
    public void Should_combine_all_conditions()
    {
        var matched = new SocketFilter(ListeningOnly: true, Protocol: PortProtocol.Tcp, Port: 30000).Apply(Snapshot);

        Assert.Equal([Listener], matched);
    }
}
