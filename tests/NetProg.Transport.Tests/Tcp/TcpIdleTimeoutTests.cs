using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

[Collection(TimingCollection.Name)]
public abstract class TcpIdleTimeoutTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : TcpIdleTimeoutTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpIdleTimeoutTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpIdleTimeoutTests(TransportMode.EpollInline);

    private static readonly TcpServerOptions ShortIdle = new() { IdleTimeout = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task Should_close_a_client_that_stays_idle_past_the_idle_timeout()
    {
        // Given an echo server with a 300 ms idle timeout and a client that connects and says nothing
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, ShortIdle);
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client just waits for the server
        var ended = await Loopback.ReadToEndAsync(client, TimeSpan.FromSeconds(5));

        // Then the server closed the connection (EOF or RST) with nothing sent
        Assert.Empty(ended.Data);
    }

    [Fact]
    public async Task Should_not_close_a_client_that_talks_more_often_than_the_idle_timeout()
    {
        // Given an echo server with a 300 ms idle timeout
        var closedReason = new TaskCompletionSource<CloseReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, ShortIdle, s => s.ConnectionClosed = summary => closedReason.TrySetResult(summary.Reason));
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client exchanges a few bytes every 100 ms for 1 s (paced by a timer: the pacing is the scenario)
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await pace.WaitForNextTickAsync().AsTask().WaitAsync(Waits.Long));
            var payload = Payloads.Random(i, 16);

            // Then every exchange is answered: the connection was never closed as idle
            BytesAssert.Equal(payload, await Loopback.RoundTripAsync(client, payload));
        }

        Assert.False(closedReason.Task.IsCompleted, "the server closed a connection that was talking");
        client.Shutdown(SocketShutdown.Send);
        var rest = await Loopback.ReadToEndAsync(client, Waits.Long);
        Assert.False(rest.WasReset);
        Assert.Equal(CloseReason.Completed, await closedReason.Task.WaitAsync(Waits.Long));
    }
}
