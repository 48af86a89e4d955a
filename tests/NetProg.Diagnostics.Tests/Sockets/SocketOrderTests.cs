using System.Net;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>The display order of <c>netprog sockets</c>: protocol, family, local port.</summary>
public sealed class SocketOrderTests
{
    [Fact]
    public void Should_sort_tcp_before_udp_then_ipv4_before_ipv6_then_by_local_port()
    {
        var udp = Sample.Udp(53);
        var tcp6 = Sample.TcpListener(22) with { Local = new IPEndPoint(IPAddress.IPv6Any, 22) };
        var tcpHigh = Sample.TcpListener(30000);
        var tcpLow = Sample.TcpListener(80);

        Assert.Equal([tcpLow, tcpHigh, tcp6, udp], SocketOrder.Sort([udp, tcp6, tcpHigh, tcpLow]));
    }
}
