namespace NetProg.Transport.Internal;

/// <summary>Creates and binds listening sockets; each OS difference in binding lives here, with its reason.</summary>
internal static class SocketFactory
{
    // Windows: WSAECONNRESET on the next ReceiveFrom after an ICMP port unreachable for an earlier SendTo; a UDP server must
    // not die because one client went away (SIO_UDP_CONNRESET, Winsock IOCTLs on learn.microsoft.com; dotnet/corefx#33049,
    // closed "by design").
    private const int SioUdpConnReset = unchecked((int)0x9800000C);

    public static Socket Bind(IPEndPoint endPoint, TransportProtocol protocol, int backlog)
    {
        var socket = protocol == TransportProtocol.Tcp
            ? new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // We bind 0.0.0.0 and [::] as two sockets; without V6ONLY a Linux [::] socket also claims IPv4 and the
                // 0.0.0.0 bind then fails with EADDRINUSE (ipv6(7): IPV6_V6ONLY defaults to net.ipv6.bindv6only, 0).
                socket.DualMode = false;
            }

            if (OperatingSystem.IsWindows())
            {
                // On Windows SO_REUSEADDR lets another process bind the same active port (port hijacking);
                // SO_EXCLUSIVEADDRUSE is the safe default there ("Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE",
                // learn.microsoft.com).
                socket.ExclusiveAddressUse = true;
                if (protocol == TransportProtocol.Udp)
                {
                    socket.IOControl(SioUdpConnReset, [0, 0, 0, 0], null);
                }
            }
            else if (protocol == TransportProtocol.Tcp)
            {
                SetReuseAddressOnly(socket);
            }

            socket.Bind(endPoint);
            if (protocol == TransportProtocol.Tcp)
            {
                socket.Listen(backlog);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Unix: SO_REUSEADDR alone lets a restarted server bind over TIME_WAIT connections of its previous run, and never lets two
    /// listeners share a port. Not <c>SetSocketOption(ReuseAddress)</c>: on Unix .NET turns that into SO_REUSEADDR *and*
    /// SO_REUSEPORT (dotnet/corefx#32046), and with SO_REUSEPORT a second server binds the same port silently and the kernel
    /// splits the clients between them. Kestrel sets the option directly for the same reason (aspnet/KestrelHttpServer#2111).
    /// Not set on UDP at all, where SO_REUSEADDR would also let two servers share one port.
    /// </summary>
    private static void SetReuseAddressOnly(Socket socket)
    {
        // SOL_SOCKET/SO_REUSEADDR: 1/2 on Linux; 0xffff/4 on macOS and the BSDs.
        var (level, name) = OperatingSystem.IsLinux() ? (1, 2) : (0xffff, 4);
        socket.SetRawSocketOption(level, name, BitConverter.GetBytes(1));
    }

    /// <summary>
    /// Binds every address on one port. With port 0 the first socket picks a free port and the others take the same one, so a
    /// server has one port number on all its addresses; if that port is taken on another address, we start over a few times.
    /// </summary>
    public static IReadOnlyList<Socket> BindAll(IReadOnlyList<IPAddress> addresses, int port, TransportProtocol protocol, int backlog) =>
        BindAll(addresses, port, [protocol], backlog);

    /// <summary>
    /// <see cref="BindAll(IReadOnlyList{IPAddress}, int, TransportProtocol, int)"/> for several protocols at once: every address
    /// of every protocol on one port (TCP and UDP 30000 for a server of both), in the order of <paramref name="protocols"/>.
    /// </summary>
    public static IReadOnlyList<Socket> BindAll(IReadOnlyList<IPAddress> addresses, int port, IReadOnlyList<TransportProtocol> protocols, int backlog)
    {
        const int attempts = 8;
        for (var attempt = 1; ; attempt++)
        {
            var sockets = new List<Socket>(addresses.Count * protocols.Count);
            var chosenPort = port;
            try
            {
                foreach (var (protocol, address) in protocols.SelectMany(p => addresses.Select(a => (p, a))))
                {
                    var endPoint = new IPEndPoint(address, chosenPort);
                    Socket socket;
                    try
                    {
#pragma warning disable CA2000 // why: kept in sockets, which both catches below dispose; on success the caller owns them.
                        socket = Bind(endPoint, protocol, backlog);
#pragma warning restore CA2000
                    }
                    catch (SocketException e)
                    {
                        throw NetworkException.From(e, NetworkOperation.Bind, protocol, endPoint);
                    }

                    sockets.Add(socket);
                    chosenPort = ((IPEndPoint)socket.LocalEndPoint!).Port;
                }

                return sockets;
            }
            catch (NetworkException e) when (port == 0 && sockets.Count > 0 && e.Kind == SocketErrorKind.AddressInUse && attempt < attempts)
            {
                foreach (var socket in sockets)
                {
                    socket.Dispose();
                }
            }
            catch
            {
                foreach (var socket in sockets)
                {
                    socket.Dispose();
                }

                throw;
            }
        }
    }
}
