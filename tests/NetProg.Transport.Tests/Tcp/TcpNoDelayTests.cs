namespace NetProg.Transport.Tests.Tcp;

/// <summary>
/// Every served connection has TCP_NODELAY: a 64-byte reply must not wait for the peer's delayed ACK (RFC 896, RFC 1122
/// 4.2.3.4). The epoll engine sets it once on the listener and relies on Linux copying it into each accepted socket, so this
/// looks at the accepted socket itself, found among the test process's own descriptors.
/// </summary>
public abstract class TcpNoDelayTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : TcpNoDelayTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpNoDelayTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpNoDelayTests(TransportMode.EpollInline);

    [LinuxFact]
    public async Task Should_serve_every_connection_with_TCP_NODELAY_set()
    {
        // Given an echo server and two clients it has answered
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo);
        using var first = await Loopback.ConnectAsync(server.EndPoint);
        using var second = await Loopback.ConnectAsync(server.EndPoint);
        foreach (var client in new[] { first, second })
        {
            Assert.Equal([42], await Loopback.RoundTripAsync(client, [42]).WaitAsync(Waits.Long));
        }

        // When we look at the server's side of each connection
        var accepted = new[] { first, second }.Select(client => ServerSide(server.EndPoint, (IPEndPoint)client.LocalEndPoint!)).ToList();

        // Then each has TCP_NODELAY
        Assert.All(accepted, noDelay => Assert.True(noDelay, "an accepted socket has Nagle's algorithm on"));
    }

    /// <summary>TCP_NODELAY of this process's socket from <paramref name="local"/> to <paramref name="remote"/>.</summary>
    private static bool ServerSide(IPEndPoint local, IPEndPoint remote)
    {
        foreach (var entry in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            if (!int.TryParse(entry.Name, out var fd) || entry.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) != true)
            {
                continue;
            }

            try
            {
                // Not owned: disposing this view leaves the server's descriptor open.
                using var handle = new SafeSocketHandle(fd, ownsHandle: false);
                using var socket = new Socket(handle);
                if (socket.SocketType == SocketType.Stream && local.Equals(socket.LocalEndPoint) && remote.Equals(socket.RemoteEndPoint))
                {
                    return socket.NoDelay;
                }
            }
            catch (SocketException)
            {
                // Closed since it was listed, or not an IP socket.
            }
        }

        throw new InvalidOperationException($"no socket from {local} to {remote} in /proc/self/fd");
    }
}
