using System.Net;
using System.Net.Sockets;

namespace NetProg.Integration.Tests.Harness;

/// <summary>
/// Ports for programs that cannot bind port 0 and report it (xinetd) or for "nobody listens here" tests:
/// the kernel picks a free one for a socket that is closed right away. Another process could take it in between;
/// callers that start a server on it check that the server really answers and retry with a new port.
/// </summary>
public static class FreePort
{
    public static int Tcp(IPAddress? address = null) => Pick(SocketType.Stream, ProtocolType.Tcp, address);

    public static int Udp(IPAddress? address = null) => Pick(SocketType.Dgram, ProtocolType.Udp, address);

    private static int Pick(SocketType socketType, ProtocolType protocol, IPAddress? address)
    {
        address ??= IPAddress.Loopback;
        using var socket = new Socket(address.AddressFamily, socketType, protocol);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
