using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

public abstract class TcpShutdownTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : TcpShutdownTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpShutdownTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpShutdownTests(TransportMode.EpollInline);

    private const int Clients = 50;
    private const int PatternLength = 1024 * 1024;

    [Fact]
    public async Task Should_stop_within_the_shutdown_timeout_under_load_and_end_every_client_without_corrupting_data()
    {
        // Given an echo server with a 1 s shutdown timeout and 50 clients streaming data through it
        var shutdownTimeout = TimeSpan.FromSeconds(1);
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, new TcpServerOptions { ShutdownTimeout = shutdownTimeout });
        var pattern = Payloads.Random(50, PatternLength);
        var clients = new List<StreamingClient>();
        try
        {
            var sockets = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Loopback.ConnectAsync(server.EndPoint)));
            for (var i = 0; i < Clients; i++)
            {
                clients.Add(StreamingClient.Start(sockets[i], pattern, offset: i * 7919));
            }

            await Task.WhenAll(clients.Select(c => c.FirstEcho)).WaitAsync(Waits.Long);

            // When the server is told to stop while they are all streaming
            var stopping = server.StopAsync(shutdownTimeout + TimeSpan.FromSeconds(5));

            // Then RunAsync returns within ShutdownTimeout + 5 s
            await stopping;

            // And every client sees its stream end (FIN or RST; none hangs), having received only what it sent, unaltered
            var ends = await Task.WhenAll(clients.Select(c => c.Receiving)).WaitAsync(Waits.Long);
            for (var i = 0; i < Clients; i++)
            {
                Assert.True(ends[i].Length > 0);
                BytesAssert.IsPrefix(clients[i].Expected(ends[i].Length), ends[i]);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
