using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

[Collection(TimingCollection.Name)]
public abstract class ConnectionSummaryTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : ConnectionSummaryTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : ConnectionSummaryTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : ConnectionSummaryTests(TransportMode.EpollInline);

    [Fact]
    public async Task Should_report_bytes_both_ways_and_Completed_for_a_connection_that_ended_normally()
    {
        // Given an echo server reporting finished connections
        var closed = new TaskCompletionSource<ConnectionSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, configure: s => s.ConnectionClosed = summary => closed.TrySetResult(summary));
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When a client sends 1,000 bytes, half-closes and reads the echo to the end
        var payload = Payloads.Random(1, 1000);
        await Loopback.SendAllAsync(client, payload).WaitAsync(Waits.Long);
        client.Shutdown(SocketShutdown.Send);
        var received = await Loopback.ReadToEndAsync(client, Waits.Long);
        var summary = await closed.Task.WaitAsync(Waits.Long);

        // Then the summary counts 1,000 bytes in and out, names the client, and says it completed
        Assert.Equal(payload.Length, received.Data.Length);
        Assert.Equal(1000, summary.BytesReceived);
        Assert.Equal(1000, summary.BytesSent);
        Assert.Equal(CloseReason.Completed, summary.Reason);
        Assert.Equal((IPEndPoint)client.LocalEndPoint!, summary.RemoteEndPoint);
        Assert.Equal(server.EndPoint, summary.LocalEndPoint);
        Assert.True(summary.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task Should_report_IdleTimeout_for_a_connection_closed_as_idle()
    {
        // Given an echo server with a 300 ms idle timeout
        var closed = new TaskCompletionSource<ConnectionSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningTcpServer.Start(mode, 
            Handlers.Echo,
            new TcpServerOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) },
            s => s.ConnectionClosed = summary => closed.TrySetResult(summary));
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When a client exchanges 10 bytes and then falls silent
        BytesAssert.Equal("0123456789"u8.ToArray(), await Loopback.RoundTripAsync(client, "0123456789"u8.ToArray()));
        var summary = await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // Then the summary says idle timeout, with the bytes that did flow
        Assert.Equal(CloseReason.IdleTimeout, summary.Reason);
        Assert.Equal(10, summary.BytesReceived);
        Assert.Equal(10, summary.BytesSent);
    }

    [Fact]
    public async Task Should_report_PeerReset_for_a_client_that_resets_the_connection()
    {
        // Given an echo server
        var closed = new TaskCompletionSource<ConnectionSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, configure: s => s.ConnectionClosed = summary => closed.TrySetResult(summary));
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When a client exchanges 5 bytes and then aborts (SO_LINGER 0: close sends RST)
        BytesAssert.Equal("hello"u8.ToArray(), await Loopback.RoundTripAsync(client, "hello"u8.ToArray()));
        client.LingerState = new LingerOption(true, 0);
        client.Dispose();
        var summary = await closed.Task.WaitAsync(Waits.Long);

        // Then the summary says the peer reset it
        Assert.Equal(CloseReason.PeerReset, summary.Reason);
        Assert.Equal(5, summary.BytesReceived);
        Assert.Equal(5, summary.BytesSent);
    }

    [Fact]
    public async Task Should_reset_the_connection_and_report_Error_when_the_handler_fails()
    {
        // Given a server whose handler reads a request and then fails
        var closed = new TaskCompletionSource<ConnectionSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        TcpConnectionHandler failing = async (c, stopping) =>
        {
            var request = await c.Input.ReadAtLeastAsync(5, stopping);
            c.Input.AdvanceTo(request.Buffer.End);
            throw new InvalidOperationException("handler bug");
        };
        await using var server = RunningTcpServer.Start(mode, failing, configure: s => s.ConnectionClosed = summary => closed.TrySetResult(summary));
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When a client sends its request and waits for the answer
        await Loopback.SendAllAsync(client, "hello"u8.ToArray()).WaitAsync(Waits.Long);
        var answer = await Loopback.ReadToEndAsync(client, Waits.Long);
        var summary = await closed.Task.WaitAsync(Waits.Long);

        // Then the summary says Error, and the client gets a reset, not a clean end it could take for a complete (empty) reply
        Assert.Equal(CloseReason.Error, summary.Reason);
        Assert.Empty(answer.Data);
        Assert.True(answer.WasReset, "the client saw a clean FIN after a handler failure");
    }
}
