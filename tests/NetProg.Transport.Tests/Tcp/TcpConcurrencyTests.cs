using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

public abstract class TcpConcurrencyTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : TcpConcurrencyTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpConcurrencyTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpConcurrencyTests(TransportMode.EpollInline);

    private const int Clients = 1000;

    [Fact]
    public async Task Should_serve_a_thousand_concurrent_echo_clients_correctly()
    {
        // Given an echo server allowed more connections and a deeper backlog than the clients need
        var options = new TcpServerOptions { MaxConnections = 2 * Clients, Backlog = 2 * Clients };
        var closed = 0;
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, options, s => s.ConnectionClosed = _ => Interlocked.Increment(ref closed));

        // When 1,000 clients connect at once, each sends a few KB, half-closes and reads to the end
        var clients = Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            var payload = Payloads.Random(i, 1024 + (i * 37 % 4096));
            using var client = await Loopback.ConnectAsync(server.EndPoint);
            var reading = Loopback.ReadToEndAsync(client, TimeSpan.FromSeconds(30));
            await Loopback.SendAllAsync(client, payload);
            client.Shutdown(SocketShutdown.Send);
            return (payload, received: await reading);
        })).ToList();
        var results = await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(40));

        // Then every client got its own bytes back, then EOF
        Assert.Equal(Clients, results.Length);
        foreach (var (payload, received) in results)
        {
            BytesAssert.Equal(payload, received.Data);
            Assert.False(received.WasReset);
        }

        await server.StopAsync(Waits.Long);
        Assert.Equal(Clients, Volatile.Read(ref closed));
        Assert.Equal(0, server.Server.ActiveConnections);
    }
}
