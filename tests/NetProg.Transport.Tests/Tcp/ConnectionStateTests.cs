using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

/// <summary>A connection's life as <see cref="TcpConnection.State"/> tells it: open, half-closed either way, draining, closed.</summary>
public abstract class ConnectionStateTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : ConnectionStateTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : ConnectionStateTests(TransportMode.Epoll);

    [Fact]
    public async Task Should_go_from_open_to_peer_half_closed_to_half_closed_to_closed()
    {
        // Given a server whose handler records the state before and after the client's FIN, then replies and returns
        var states = new List<ConnectionState>();
        var connectionSeen = new TaskCompletionSource<TcpConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningTcpServer.Start(
            mode,
            async (connection, stopping) =>
            {
                lock (states)
                {
                    states.Add(connection.State);
                }

                connectionSeen.TrySetResult(connection);
                while (true)
                {
                    var result = await connection.Input.ReadAsync(stopping);
                    connection.Input.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }

                lock (states)
                {
                    states.Add(connection.State);
                }

                await connection.Output.WriteAsync("bye"u8.ToArray(), stopping);
            },
            configure: s => s.ConnectionClosed = _ => closed.TrySetResult());

        // When a client sends a line, half-closes, and reads the reply while keeping its socket open
        using var client = await Loopback.ConnectAsync(server.EndPoint);
        await Loopback.SendAllAsync(client, "hello\n"u8.ToArray());
        var connection = await connectionSeen.Task.WaitAsync(Waits.Long);
        client.Shutdown(SocketShutdown.Send);
        var reply = await Loopback.ReadToEndAsync(client, Waits.Long);

        // Then the handler saw it open, then half-closed by the peer; the server's FIN came after the reply; and once the
        // connection is over it is closed
        BytesAssert.Equal("bye"u8.ToArray(), reply.Data);
        Assert.False(reply.WasReset);
        await closed.Task.WaitAsync(Waits.Long);
        lock (states)
        {
            Assert.Equal([ConnectionState.Open, ConnectionState.PeerHalfClosed], states);
        }

        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task Should_be_half_closed_while_waiting_for_the_peers_FIN_and_draining_when_the_server_stops()
    {
        // Given a server that replies at once and returns, with a long linger
        var connectionSeen = new TaskCompletionSource<TcpConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningTcpServer.Start(
            mode,
            async (connection, stopping) =>
            {
                connectionSeen.TrySetResult(connection);
                var request = await connection.Input.ReadAsync(stopping);
                connection.Input.AdvanceTo(request.Buffer.End);
                await connection.Output.WriteAsync("reply"u8.ToArray(), stopping);
            },
            new TcpServerOptions { LingerTimeout = TimeSpan.FromMinutes(1), ShutdownTimeout = TimeSpan.FromSeconds(30) });

        // When a client sends a byte and reads the reply and the server's FIN, but does not close
        using var client = await Loopback.ConnectAsync(server.EndPoint);
        await Loopback.SendAllAsync(client, "x"u8.ToArray());
        var connection = await connectionSeen.Task.WaitAsync(Waits.Long);
        var reply = await Loopback.ReadToEndAsync(client, Waits.Long);
        BytesAssert.Equal("reply"u8.ToArray(), reply.Data);

        // Then the server waits for the client's FIN, half-closed
        Assert.Equal(ConnectionState.HalfClosed, connection.State);

        // When the server stops and the client then closes
        var stopping = server.StopAsync(Waits.Long);
        await WaitUntilAsync(() => connection.State is ConnectionState.Draining or ConnectionState.Closed);
        client.Shutdown(SocketShutdown.Send);
        await stopping;

        // Then the connection drained and closed
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Waits.UntilAsync(condition, Waits.Long);
}
