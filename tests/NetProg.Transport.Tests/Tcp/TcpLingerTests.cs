using System.Diagnostics;
using System.Net.Sockets;
using NetProg.Transport.Tcp;
using NetProg.Transport.Tests.Support;

namespace NetProg.Transport.Tests.Tcp;

/// <summary>
/// After its reply and FIN the server waits for the client's FIN before closing (so its close cannot become a RST that
/// destroys an unread reply), but only for <see cref="TcpServerOptions.LingerTimeout"/>: a client that never closes must not
/// hold a connection slot for ever.
/// </summary>
[Collection(TimingCollection.Name)]
public abstract class TcpLingerTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : TcpLingerTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpLingerTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpLingerTests(TransportMode.EpollInline);

    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(300);

    // A reply and the end of it, as a time server sends them.
    private static readonly TcpConnectionHandler Reply = async (connection, _) =>
    {
        "hello\n"u8.CopyTo(connection.Output.GetSpan(6));
        connection.Output.Advance(6);
        await connection.Output.FlushAsync();
    };

    [Fact]
    public async Task Should_close_a_finished_connection_after_the_linger_timeout_when_the_client_never_sends_its_FIN()
    {
        // Given a server that replies and ends, with a 300 ms linger timeout
        var closed = new TaskCompletionSource<ConnectionSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningTcpServer.Start(
            mode, Reply, new TcpServerOptions { LingerTimeout = Linger }, s => s.ConnectionClosed = summary => closed.TrySetResult(summary));
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client reads the reply to its end but never closes
        var reply = await Loopback.ReadToEndAsync(client, Waits.Long);
        var waiting = Stopwatch.StartNew();

        // Then the server closes the connection after the linger timeout, as a finished exchange, and frees its slot
        var summary = await closed.Task.WaitAsync(Waits.Long);
        Assert.Equal("hello\n"u8.ToArray(), reply.Data);
        Assert.False(reply.WasReset);
        Assert.Equal(CloseReason.Completed, summary.Reason);
        // (Less a little: the heartbeat reads Environment.TickCount64, whose ticks are coarser than the summary's Stopwatch.)
        Assert.True(summary.Duration >= Linger - TimeSpan.FromMilliseconds(30), $"closed after {summary.Duration.TotalMilliseconds:N0} ms, before the linger timeout");
        Assert.Equal(0, server.Server.ActiveConnections);
        Assert.True(waiting.Elapsed < Waits.Long);
    }

    [Fact]
    public async Task Should_close_at_once_when_the_client_sends_its_FIN_within_the_linger_timeout()
    {
        // Given a server that replies and ends, with a linger timeout far longer than the test
        var closed = new TaskCompletionSource<ConnectionSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningTcpServer.Start(
            mode, Reply, new TcpServerOptions { LingerTimeout = TimeSpan.FromMinutes(10) }, s => s.ConnectionClosed = summary => closed.TrySetResult(summary));
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client reads the reply and closes its side
        var reply = await Loopback.ReadToEndAsync(client, Waits.Long);
        client.Shutdown(SocketShutdown.Send);

        // Then the server closes without waiting out the linger timeout
        var summary = await closed.Task.WaitAsync(Waits.Long);
        Assert.Equal("hello\n"u8.ToArray(), reply.Data);
        Assert.Equal(CloseReason.Completed, summary.Reason);
    }
}
