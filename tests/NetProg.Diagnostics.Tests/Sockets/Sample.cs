using System.Net;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>Small hand-made socket entries for the filter and diff tests.</summary>
internal static class Sample
{
    public static SocketEntry TcpListener(int port, int pid = 100) =>
        new(PortProtocol.Tcp, new IPEndPoint(IPAddress.Any, port), null, SocketStates.Listen, pid, "server", false);

    public static SocketEntry TcpConnection(int localPort, int remotePort, string state = SocketStates.Established, int? pid = 200) =>
        new(PortProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, localPort), new IPEndPoint(IPAddress.Loopback, remotePort), state, pid, pid is null ? null : "client", false);

    public static SocketEntry Udp(int port, IPEndPoint? remote = null) =>
        new(PortProtocol.Udp, new IPEndPoint(IPAddress.IPv6Any, port), remote, remote is null ? SocketStates.Unconnected : SocketStates.Established, 300, "udp", false);
}
