using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

[Collection(TimingCollection.Name)]
public abstract class TcpFlowControlTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : TcpFlowControlTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpFlowControlTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpFlowControlTests(TransportMode.EpollInline);

    // More than the kernel can absorb on both sides of a loopback connection (Linux autotunes the server's buffers up to
    // tcp_rmem/tcp_wmem maxima, 6 MiB + 4 MiB by default), so that only the server's own reading can take it all.
    private const int ThirtyTwoMiB = 32 * 1024 * 1024;

    // What the server may hold between its socket reads and writes: the two pipe thresholds (64 KiB each), plus one read
    // chunk and one copy batch of overshoot.
    private const int ServerHeldBound = 256 * 1024;

    // The client's own buffers are kept small so that the 8 MiB cannot hide in this side's kernel; the server's are its own.
    private static void SmallBuffers(Socket socket)
    {
        socket.SendBufferSize = 64 * 1024;
        socket.ReceiveBufferSize = 64 * 1024;
    }

    [Fact]
    public async Task Should_stop_reading_from_a_client_that_does_not_read_and_resume_intact_when_it_does()
    {
        // Given an echo server whose connection we can observe
        var connected = new TaskCompletionSource<TcpConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        TcpConnectionHandler handler = (c, stopping) =>
        {
            connected.TrySetResult(c);
            return Handlers.Echo(c, stopping);
        };
        await using var server = RunningTcpServer.Start(mode, handler);
        using var client = await Loopback.ConnectAsync(server.EndPoint, SmallBuffers);
        var connection = await connected.Task.WaitAsync(Waits.Long);
        var payload = Payloads.Random(8, ThirtyTwoMiB);

        // When the client sends 32 MiB and reads nothing
        var sending = Loopback.SendAllAsync(client, payload);
        var completedUnread = await Waits.CompletesWithinAsync(sending, TimeSpan.FromSeconds(1));

        // Then the send is held back: the server stopped taking input it cannot pass on (bounded pipes + TCP flow control),
        // and what it holds itself (read but not yet written to its socket) stays within its pipes' bounds
        Assert.False(completedUnread, "32 MiB were accepted although the client read nothing: the server buffers without bound");
        var held = connection.BytesReceived - connection.BytesSent;
        Assert.True(connection.BytesReceived < ThirtyTwoMiB, $"the server read {connection.BytesReceived} bytes");
        Assert.True(held <= ServerHeldBound, $"the server holds {held} bytes it read but did not send");

        // When the client starts reading
        var receiving = Loopback.ReceiveExactlyAsync(client, ThirtyTwoMiB);
        await sending.WaitAsync(Waits.Long);
        var echoed = await receiving.WaitAsync(Waits.Long);
        client.Shutdown(SocketShutdown.Send);
        var rest = await Loopback.ReadToEndAsync(client, Waits.Long);

        // Then everything arrives, intact and in order, followed by EOF
        BytesAssert.Equal(payload, echoed);
        Assert.Empty(rest.Data);
        Assert.False(rest.WasReset);
    }

    [Fact]
    public async Task Should_serve_other_clients_while_one_client_never_reads()
    {
        // Given an echo server and a client that sends 32 MiB and never reads (so its connection is stuck on flow control)
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo);
        using var slow = await Loopback.ConnectAsync(server.EndPoint, SmallBuffers);
        using var stopSlow = new CancellationTokenSource();
        var slowSending = Loopback.SendAllAsync(slow, Payloads.Random(1, ThirtyTwoMiB), stopSlow.Token);
        Assert.False(await Waits.CompletesWithinAsync(slowSending, Waits.Negative), "the slow client's data was all taken");

        // When 20 other clients do echo round trips meanwhile
        var others = Enumerable.Range(0, 20).Select(async i =>
        {
            using var client = await Loopback.ConnectAsync(server.EndPoint);
            var payload = Payloads.Random(i, 4096);
            var echoed = await Loopback.RoundTripAsync(client, payload);
            client.Shutdown(SocketShutdown.Send);
            var rest = await Loopback.ReadToEndAsync(client, Waits.Long);
            return (payload, echoed, rest);
        }).ToList();
        var results = await Task.WhenAll(others).WaitAsync(Waits.Long);

        // Then every one of them is answered in full, and the slow one is still held back
        foreach (var (payload, echoed, rest) in results)
        {
            BytesAssert.Equal(payload, echoed);
            Assert.Empty(rest.Data);
            Assert.False(rest.WasReset);
        }

        Assert.False(slowSending.IsCompleted);
        await stopSlow.CancelAsync();
        slow.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => slowSending.WaitAsync(Waits.Long));
    }
}
