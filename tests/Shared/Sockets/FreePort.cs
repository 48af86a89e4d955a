namespace NetProg.Tests.Shared;

/// <summary>
/// Ports for programs that cannot bind port 0 and report it (xinetd) or for "nobody listens here" tests:
/// the kernel picks a free one for a socket that is closed right away. Another process could take it in between;
/// callers that start a server on it check that the server really answers and retry with a new port.
/// </summary>
public static class FreePort
{
    public static int Tcp(IPAddress? address = null) => Pick(SocketType.Stream, ProtocolType.Tcp, address);

    public static int Udp(IPAddress? address = null) => Pick(SocketType.Dgram, ProtocolType.Udp, address);

    /// <summary>A free port of <paramref name="type"/> (stream: TCP, datagram: UDP) on 127.0.0.1.</summary>
    public static int Of(SocketType type) => type == SocketType.Stream ? Tcp() : Udp();

    /// <summary>
    /// A port on 127.0.0.1 where no TCP listener is, held by a bound, non-listening socket, so that nobody can take it
    /// meanwhile: a connect to it is refused for as long as the socket lives.
    /// </summary>
    public static Socket ReserveTcp()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static int Pick(SocketType socketType, ProtocolType protocol, IPAddress? address)
    {
        address ??= IPAddress.Loopback;
        using var socket = new Socket(address.AddressFamily, socketType, protocol);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
