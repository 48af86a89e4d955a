using System.Buffers;
using NetProg.Transport.InMemory;
using NetProg.Transport.Tcp;
using NetProg.Transport.Tests.Support;

namespace NetProg.Transport.Tests.InMemory;

/// <summary>The in-memory connection keeps the connection's own rules: idle timeout, linger, reset on a failed handler.</summary>
public sealed class InMemoryConnectionTests
{
    [Fact]
    public async Task Should_close_an_idle_connection_with_the_idle_timeout_reason()
    {
        await using var connection = InMemoryConnection.Start(Handlers.Echo, new TcpServerOptions { IdleTimeout = TimeSpan.FromMilliseconds(100) });

        var summary = await connection.Completion.WaitAsync(Waits.Long);

        Assert.Equal(CloseReason.IdleTimeout, summary.Reason);
        Assert.Equal(ConnectionState.Closed, connection.Server.State);
    }

    [Fact]
    public async Task Should_stop_waiting_for_the_peers_FIN_after_the_linger_timeout()
    {
        // Given a handler that answers and returns, and a client that never sends its FIN
        await using var connection = InMemoryConnection.Start(
            async (c, stopping) => await c.Output.WriteAsync("done"u8.ToArray(), stopping),
            new TcpServerOptions { LingerTimeout = TimeSpan.FromMilliseconds(100) });

        // Then the reply and the server's FIN come, and the connection ends on its own, completed
        var result = await connection.Input.ReadAtLeastAsync(4).AsTask().WaitAsync(Waits.Long);
        Assert.Equal("done"u8.ToArray(), result.Buffer.ToArray());
        var summary = await connection.Completion.WaitAsync(Waits.Long);
        Assert.Equal(CloseReason.Completed, summary.Reason);
    }

    [Fact]
    public async Task Should_reset_the_client_when_the_handler_fails()
    {
        await using var connection = InMemoryConnection.Start((_, _) => throw new InvalidOperationException("bug"));

        var summary = await connection.Completion.WaitAsync(Waits.Long);

        Assert.Equal(CloseReason.Error, summary.Reason);
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(async () => await connection.Input.ReadAsync().AsTask().WaitAsync(Waits.Long));
    }
}
