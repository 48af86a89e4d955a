using System.Buffers;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

/// <summary>
/// <see cref="TcpConnection.SendAsync"/>: bytes sent straight from the handler's buffers when the socket takes them, copied
/// to Output otherwise, and never out of order with what was written to Output.
/// </summary>
public abstract class TcpSendAsyncTests(TransportMode mode)
{
    /// <summary>On .NET's sockets (always copies).</summary>
    public sealed class Sockets() : TcpSendAsyncTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpSendAsyncTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpSendAsyncTests(TransportMode.EpollInline);

    private const int Seed = 20261125;

    [Theory]
    [InlineData(1)]
    [InlineData(4097)]
    [InlineData(65536)]
    [InlineData(4 * 1024 * 1024)]
    public async Task Should_echo_every_byte_in_order_when_the_handler_sends_what_it_read(int size)
    {
        // Given an echo server whose handler sends each read with SendAsync, and a payload in random pieces (the largest fills
        // the socket buffers, so part of it goes through Output)
        await using var server = RunningTcpServer.Start(mode, Handlers.EchoBySend);
        var payload = Payloads.Random(Seed + size, size);
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client sends it, half-closes, and reads concurrently until the stream ends
        var reading = Loopback.ReadToEndAsync(client, Waits.Long);
        var offset = 0;
        foreach (var piece in Payloads.Splits(new Random(Seed + size), size))
        {
            await Loopback.SendAllAsync(client, payload.AsMemory(offset, piece)).WaitAsync(Waits.Long);
            offset += piece;
        }

        client.Shutdown(SocketShutdown.Send);
        var received = await reading;

        // Then every byte came back in order, and the server ended with FIN
        BytesAssert.Equal(payload, received.Data);
        Assert.False(received.WasReset, "the server reset the connection instead of closing it");
    }

    [Fact]
    public async Task Should_send_from_the_handlers_buffers_without_copying_when_the_socket_takes_everything()
    {
        // Given an echo server by SendAsync that reports how many bytes went through Output when its connection ends
        var throughOutput = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningTcpServer.Start(mode, async (connection, stopping) =>
        {
            await Handlers.EchoBySend(connection, stopping);
            throughOutput.SetResult(connection.BytesThroughOutput);
        });
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When a client makes ten small round trips (the socket always has room for 100 bytes) and half-closes
        var payload = Payloads.Random(Seed, 100);
        for (var i = 0; i < 10; i++)
        {
            BytesAssert.Equal(payload, await Loopback.RoundTripAsync(client, payload));
        }

        client.Shutdown(SocketShutdown.Send);
        var copied = await throughOutput.Task.WaitAsync(Waits.Long);

        // Then on the epoll engine nothing was copied to Output; the portable engine copies all of it
        Assert.Equal(mode == TransportMode.Sockets ? 1000 : 0, copied);
    }

    [Fact]
    public async Task Should_send_after_bytes_written_to_Output_and_not_yet_flushed()
    {
        // Given a handler that writes "first" to Output without flushing, then sends "second" with SendAsync
        await using var server = RunningTcpServer.Start(mode, async (connection, _) =>
        {
            connection.Output.Write("first,"u8);
            await connection.SendAsync(new ReadOnlySequence<byte>("second"u8.ToArray()));
        });
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client reads the reply
        var received = await Loopback.ReadToEndAsync(client, Waits.Long);

        // Then the bytes written first come first: SendAsync did not overtake them
        Assert.Equal("first,second", System.Text.Encoding.ASCII.GetString(received.Data));
    }

    [Fact]
    public async Task Should_keep_the_order_when_writes_to_Output_and_SendAsync_alternate_and_the_socket_fills()
    {
        // Given a handler that sends 8 MiB in random pieces, alternately written to Output (and flushed) and given to SendAsync,
        // to a client with a small receive buffer (so sends meet a full socket and a busy send loop)
        var payload = Payloads.Random(Seed, 8 * 1024 * 1024);
        await using var server = RunningTcpServer.Start(mode, async (connection, _) =>
        {
            var offset = 0;
            var viaOutput = false;
            foreach (var piece in Payloads.Splits(new Random(Seed), payload.Length))
            {
                var block = payload.AsMemory(offset, piece);
                var flushed = viaOutput
                    ? await connection.Output.WriteAsync(block, CancellationToken.None)
                    : await connection.SendAsync(new ReadOnlySequence<byte>(block));
                Assert.False(flushed.IsCompleted, "the send loop stopped early");
                offset += piece;
                viaOutput = !viaOutput;
            }
        });
        using var client = await Loopback.ConnectAsync(server.EndPoint, socket => socket.ReceiveBufferSize = 64 * 1024);

        // When the client reads everything
        var received = await Loopback.ReadToEndAsync(client, Waits.Long);

        // Then it is the payload, byte for byte, in order
        BytesAssert.Equal(payload, received.Data);
        Assert.False(received.WasReset);
    }
}
