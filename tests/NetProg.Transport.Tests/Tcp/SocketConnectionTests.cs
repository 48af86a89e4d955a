using Microsoft.Extensions.Logging.Abstractions;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

/// <summary>
/// Connections that drive their socket themselves (<c>forward</c>'s relay) get the host's limits, idle timeout and drain as
/// every other connection does.
/// </summary>
public sealed class SocketConnectionTests
{
    [Fact]
    public async Task Should_serve_and_report_the_end_only_once_the_slot_is_free()
    {
        // Given a host of raw echo connections, limited to one at a time
        await using var host = OwnedHost.Start(new TcpServerOptions { Engine = TransportEngine.Sockets, MaxConnections = 1 });

        // When a client is echoed and then closes
        using (var client = await Loopback.ConnectAsync(host.EndPoint))
        {
            BytesAssert.Equal("ping"u8.ToArray(), await Loopback.RoundTripAsync(client, "ping"u8.ToArray()));
            client.Shutdown(SocketShutdown.Send);
            Assert.False((await Loopback.ReadToEndAsync(client, Waits.Long)).WasReset);
        }

        // Then its end is reported with its slot already free, and the next client takes that slot
        var ended = await host.Ended.Task.WaitAsync(Waits.Long);
        Assert.Equal(0, ended.ActiveWhenEnded);
        using var next = await Loopback.ConnectAsync(host.EndPoint);
        BytesAssert.Equal("pong"u8.ToArray(), await Loopback.RoundTripAsync(next, "pong"u8.ToArray()));
    }

    [Fact]
    public async Task Should_abort_an_idle_connection_with_the_idle_timeout_reason()
    {
        // Given a host whose connections may be idle for 200 ms
        await using var host = OwnedHost.Start(new TcpServerOptions { Engine = TransportEngine.Sockets, IdleTimeout = TimeSpan.FromMilliseconds(200) });

        // When a client connects and says nothing
        using var client = await Loopback.ConnectAsync(host.EndPoint);

        // Then the heartbeat aborts it as idle, and the client sees the connection end
        var ended = await host.Ended.Task.WaitAsync(Waits.Long);
        Assert.Equal(CloseReason.IdleTimeout, ended.Reason);
        await Loopback.ReadToEndAsync(client, Waits.Long);
    }

    [Fact]
    public async Task Should_wait_for_open_connections_on_stop_then_abort_them_after_the_shutdown_timeout()
    {
        // Given a host with a 300 ms shutdown timeout and a connected client that keeps its connection open
        await using var host = OwnedHost.Start(new TcpServerOptions { Engine = TransportEngine.Sockets, ShutdownTimeout = TimeSpan.FromMilliseconds(300) });
        using var client = await Loopback.ConnectAsync(host.EndPoint);
        BytesAssert.Equal("x"u8.ToArray(), await Loopback.RoundTripAsync(client, "x"u8.ToArray()));

        // When the host stops
        await host.StopAsync(Waits.Long);

        // Then the connection was aborted as the server stopped: no new client gets in
        var ended = await host.Ended.Task.WaitAsync(Waits.Long);
        Assert.Equal(CloseReason.ServerStopped, ended.Reason);
        await Assert.ThrowsAnyAsync<SocketException>(() => Loopback.ConnectAsync(host.EndPoint));
    }

    [LinuxFact]
    public async Task Should_refuse_to_run_connections_that_need_a_socket_on_the_epoll_engine()
    {
        await using var server = TcpServer.Bind([IPAddress.Loopback], 0, new TcpServerOptions { Engine = TransportEngine.Epoll }, NullLogger.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.RunAsync((_, _) => null, CancellationToken.None));
    }

    /// <summary>A host of <see cref="RawEcho"/> connections on 127.0.0.1, port 0.</summary>
    private sealed class OwnedHost : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stopping = new();
        private readonly TcpServer _server;
        private readonly Task _run;

        private OwnedHost(TcpServer server)
        {
            _server = server;
            _run = server.RunAsync((socket, _) => new RawEcho(socket, this), _stopping.Token);
        }

        public TaskCompletionSource<(CloseReason Reason, int ActiveWhenEnded)> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IPEndPoint EndPoint => _server.LocalEndPoints[0];

        public int Active => _server.ActiveConnections;

        public static OwnedHost Start(TcpServerOptions options) =>
            new(TcpServer.Bind([IPAddress.Loopback], 0, options, NullLogger.Instance));

        public async Task StopAsync(TimeSpan within)
        {
            await _stopping.CancelAsync();
            await _run.WaitAsync(within);
        }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync();
            await _server.DisposeAsync();
            await _run.WaitAsync(Waits.Long);
            _stopping.Dispose();
        }
    }

    /// <summary>Echoes with the socket's own receive and send until the client's FIN, as a relay copies.</summary>
    private sealed class RawEcho(Socket socket, OwnedHost host) : SocketConnection, IDisposable
    {
        private long _lastActivity = Environment.TickCount64;
        private CloseReason _reason = CloseReason.Completed;

        public override IPEndPoint RemoteEndPoint => (IPEndPoint)socket.RemoteEndPoint!;

        public override long IdleMilliseconds => Environment.TickCount64 - Volatile.Read(ref _lastActivity);

        public override async Task RunAsync(CancellationToken stopping)
        {
            var buffer = new byte[1024];
            try
            {
                int count;
                while ((count = await socket.ReceiveAsync(buffer, SocketFlags.None, CancellationToken.None)) > 0)
                {
                    Volatile.Write(ref _lastActivity, Environment.TickCount64);
                    await socket.SendAsync(buffer.AsMemory(0, count), SocketFlags.None, CancellationToken.None);
                }

                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
            finally
            {
                socket.Dispose();
            }
        }

        public override void Abort(CloseReason reason)
        {
            _reason = reason;
            socket.Dispose();
        }

        public override void Ended() => host.Ended.TrySetResult((_reason, host.Active));

        public void Dispose() => socket.Dispose();
    }
}
