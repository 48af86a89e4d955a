namespace NetProg.Services.Check.Clients;

/// <summary>
/// A port nothing listens on, for refused: the kernel picks a free one for a socket that is closed at once. A TCP
/// connect() there gets a RST (ECONNREFUSED); a UDP datagram an ICMP port unreachable.
/// </summary>
internal static class ClosedPort
{
    public static int Pick(bool udp)
    {
        using var socket = udp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
