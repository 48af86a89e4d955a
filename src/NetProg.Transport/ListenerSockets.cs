using NetProg.Transport.Internal;

namespace NetProg.Transport;

/// <summary>
/// Bare bound sockets for code that runs its own loops over them (the forwarder), bound with the same per-OS rules as
/// <see cref="Tcp.TcpServer"/> and <see cref="Udp.UdpServer"/>: IPV6_V6ONLY, SO_REUSEADDR without SO_REUSEPORT,
/// SO_EXCLUSIVEADDRUSE and SIO_UDP_CONNRESET off on Windows.
/// </summary>
public static class ListenerSockets
{
    /// <summary>Pending connections the kernel queues before accept. 512, as Kestrel and <see cref="Tcp.TcpServerOptions.Backlog"/>.</summary>
    public const int DefaultBacklog = 512;

    /// <summary>Binds and listens on every address on <paramref name="port"/> (0: one free port shared by all). Throws <see cref="NetworkException"/>.</summary>
    public static IReadOnlyList<Socket> BindTcp(IReadOnlyList<IPAddress> addresses, int port, int backlog = DefaultBacklog) =>
        SocketFactory.BindAll(addresses, port, TransportProtocol.Tcp, backlog);

    /// <summary>Binds an unconnected UDP socket on every address on <paramref name="port"/>. Throws <see cref="NetworkException"/>.</summary>
    public static IReadOnlyList<Socket> BindUdp(IReadOnlyList<IPAddress> addresses, int port) =>
        SocketFactory.BindAll(addresses, port, TransportProtocol.Udp, backlog: 0);

    /// <summary>
    /// Binds every address of every protocol on one <paramref name="port"/> (0: one free port shared by all, TCP and UDP
    /// alike), TCP sockets listening; in the order of <paramref name="protocols"/>. Throws <see cref="NetworkException"/>.
    /// </summary>
    public static IReadOnlyList<Socket> Bind(IReadOnlyList<IPAddress> addresses, int port, IReadOnlyList<TransportProtocol> protocols, int backlog = DefaultBacklog) =>
        SocketFactory.BindAll(addresses, port, protocols, backlog);

    /// <summary>
    /// Waits until a datagram is queued on <paramref name="socket"/> without taking a buffer: a zero-byte MSG_PEEK read
    /// leaves the datagram in place, so a socket that waits holds no 64 KiB buffer. <paramref name="any"/>: the wildcard
    /// end point of an unconnected socket's family (recvfrom); null for a connected one (recv).
    /// </summary>
    public static async ValueTask WaitForDatagramAsync(Socket socket, EndPoint? any, CancellationToken cancellationToken = default)
    {
        try
        {
            if (any is null)
            {
                await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ReceiveFromAsync(Memory<byte>.Empty, SocketFlags.Peek, any, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
        {
            // The datagram is larger than the empty buffer (Windows reports WSAEMSGSIZE); with MSG_PEEK it is still queued.
        }
    }

    /// <summary>
    /// A UDP socket for talking to one peer, with the Windows ICMP quirk switched off as on a server socket: without it a port
    /// unreachable for one datagram fails the next receive (dotnet/corefx#33049).
    /// </summary>
    public static Socket ConnectedUdp(IPEndPoint remote)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                socket.IOControl(unchecked((int)0x9800000C), [0, 0, 0, 0], null);
            }

            socket.Connect(remote);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
