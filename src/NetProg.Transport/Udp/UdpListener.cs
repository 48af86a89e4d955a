namespace NetProg.Transport.Udp;

/// <summary>
/// One bound socket of a <see cref="UdpServer"/>, as a <see cref="UdpDatagramReceiver"/> sees it: where a datagram came in,
/// and the socket to answer from, now or later (a relay answers when its target does). Answering from the socket the
/// request reached keeps the source address and port the client sent to, which is what a client that connect()s its UDP
/// socket accepts replies from (connect(2), udp(7)).
/// </summary>
public sealed class UdpListener
{
    internal UdpListener(Socket socket, int index)
    {
        Socket = socket;
        Index = index;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>Its place in <see cref="UdpServer.Listeners"/>, for a receiver that keeps state per listener in an array.</summary>
    public int Index { get; }

    public IPEndPoint LocalEndPoint { get; }

    internal Socket Socket { get; }

    /// <summary>Sends one datagram to <paramref name="remote"/> from this socket; throws <see cref="SocketException"/> and <see cref="ObjectDisposedException"/> once the server stopped.</summary>
    public ValueTask<int> SendToAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remote, CancellationToken cancellationToken = default) =>
        Socket.SendToAsync(datagram, SocketFlags.None, remote, cancellationToken);
}
