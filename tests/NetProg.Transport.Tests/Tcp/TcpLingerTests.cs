using System.Diagnostics;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

/// <summary>
/// How the server closes once its reply is out. A client that has sent bytes may send more: the server sends FIN and waits
/// for the client's FIN before closing (so that its close cannot become a RST that destroys an unread reply), but only for
/// <see cref="TcpServerOptions.LingerTimeout"/>, so that a client that never closes cannot hold a slot for ever. A client
/// that has sent nothing (a time client) has nothing unread to turn the close into a RST: the epoll engine closes at once,
/// as the C server does; the portable engine waits for its FIN as well (it cannot look for unread input cheaply).
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

    // A reply and the end of it, as a time server sends them, whatever the client sends.
    private static readonly TcpConnectionHandler Reply = async (connection, _) =>
    {
        "hello\n"u8.CopyTo(connection.Output.GetSpan(6));
        connection.Output.Advance(6);
        await connection.Output.FlushAsync();
    };

    // The same reply once the client's first bytes are in (not consumed): the server has then received bytes, for certain.
    private static readonly TcpConnectionHandler ReplyAfterInput = async (connection, stopping) =>
    {
        var input = await connection.Input.ReadAsync(stopping);
        connection.Input.AdvanceTo(input.Buffer.Start);
        await Reply(connection, stopping);
    };

    private bool ClosesAtOnce => mode != TransportMode.Sockets;

    /// <summary>A server running <paramref name="handler"/>; <c>Closed</c> completes with the summary of its first connection.</summary>
    private (RunningTcpServer Server, Task<ConnectionSummary> Closed) Start(TcpConnectionHandler handler, TimeSpan linger)
    {
        var closed = new TaskCompletionSource<ConnectionSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = RunningTcpServer.Start(
            mode, handler, new TcpServerOptions { LingerTimeout = linger }, s => s.ConnectionClosed = summary => closed.TrySetResult(summary));
        return (server, closed.Task);
    }

    [Fact]
    public async Task Should_close_after_the_linger_timeout_when_a_client_that_has_sent_bytes_never_sends_its_FIN()
    {
        // Given a server that replies and ends, with a 300 ms linger timeout
        var (running, closed) = Start(ReplyAfterInput, Linger);
        await using var server = running;
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client sends a request, reads the reply to its end, but never closes
        await Loopback.SendAllAsync(client, "time?\n"u8.ToArray());
        var reply = await Loopback.ReadToEndAsync(client, Waits.Long);
        var waiting = Stopwatch.StartNew();

        // Then the server closes the connection after the linger timeout, as a finished exchange, and frees its slot
        var summary = await closed.WaitAsync(Waits.Long);
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
        var (running, closed) = Start(ReplyAfterInput, TimeSpan.FromMinutes(10));
        await using var server = running;
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client sends a request, reads the reply and closes its side
        await Loopback.SendAllAsync(client, "time?\n"u8.ToArray());
        var reply = await Loopback.ReadToEndAsync(client, Waits.Long);
        Assert.Equal(1, server.Server.ActiveConnections); // Still lingering: it waits for this client's FIN.
        client.Shutdown(SocketShutdown.Send);

        // Then the server closes without waiting out the linger timeout
        var summary = await closed.WaitAsync(Waits.Long);
        Assert.Equal("hello\n"u8.ToArray(), reply.Data);
        Assert.Equal(CloseReason.Completed, summary.Reason);
        Assert.Equal(6, summary.BytesReceived);
    }

    [Fact]
    public async Task Should_close_right_after_its_reply_when_the_client_has_sent_nothing()
    {
        // Given a time server whose linger timeout is far longer than the test
        var (running, closed) = Start(Reply, TimeSpan.FromMinutes(10));
        await using var server = running;
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When a client that sends nothing reads the reply to its end, and does not close
        var reply = await Loopback.ReadToEndAsync(client, Waits.Long);
        Assert.Equal("hello\n"u8.ToArray(), reply.Data);
        Assert.False(reply.WasReset, "the server reset the connection instead of closing it");
        if (!ClosesAtOnce)
        {
            // (The portable engine: it waits for the client's FIN, as for any client.)
            Assert.Equal(1, server.Server.ActiveConnections);
            client.Shutdown(SocketShutdown.Send);
        }

        // Then the epoll engine has closed it already: a finished exchange, its slot free, without the client's FIN
        var summary = await closed.WaitAsync(Waits.Long);
        Assert.Equal(CloseReason.Completed, summary.Reason);
        Assert.Equal(0, summary.BytesReceived);
        Assert.Equal(0, server.Server.ActiveConnections);
    }

    [Fact]
    public async Task Should_not_destroy_the_reply_with_a_RST_when_the_client_sent_more_than_the_server_read()
    {
        // Given a time server that never reads its input, and a client that sends far more than the server's input bound and
        // the kernel's buffers take before it reads (a close over that unread input would be a RST: RFC 1122 4.2.2.13)
        await using var server = RunningTcpServer.Start(mode, ReplyAfterInput, new TcpServerOptions { LingerTimeout = TimeSpan.FromMinutes(10) });
        using var client = await Loopback.ConnectAsync(server.EndPoint);
        var sending = Loopback.SendAllAsync(client, Payloads.Random(7, 8 * 1024 * 1024));

        // When the client reads the reply to its end, then ends its request
        var reply = await Loopback.ReadToEndAsync(client, Waits.Long);
        await sending.WaitAsync(Waits.Long);
        client.Shutdown(SocketShutdown.Send);

        // Then the reply came whole and the connection ended with a FIN, not a RST
        Assert.Equal("hello\n"u8.ToArray(), reply.Data);
        Assert.False(reply.WasReset, "the server's close turned into a RST");
    }
}
