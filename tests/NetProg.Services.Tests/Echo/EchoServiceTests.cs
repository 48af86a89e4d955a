using NetProg.Services.Echo;
using NetProg.Services.Tests.Support;
using NetProg.Transport.InMemory;
using NetProg.Transport.Tcp;

namespace NetProg.Services.Tests.Echo;

/// <summary>The echo protocol (RFC 862) over in-memory connections: every byte back, in order; the FIN after the client's.</summary>
public sealed class EchoServiceTests
{
    [Fact]
    public async Task Should_send_every_byte_back_in_order_and_close_after_the_clients_FIN()
    {
        // Given an echo connection
        await using var connection = InMemoryConnection.Start(EchoService.HandleConnectionAsync);

        // When the client sends two lines, then half-closes
        await InMemoryClient.SendAsync(connection, "hello\n"u8.ToArray());
        var first = await InMemoryClient.ReadExactlyAsync(connection, 6);
        await InMemoryClient.SendAsync(connection, "bye\r\n"u8.ToArray());
        await connection.Output.CompleteAsync();
        var (rest, reset) = await InMemoryClient.ReadToEndAsync(connection);

        // Then each came back as sent, the server closed cleanly after the client did, and counted what it moved
        Assert.Equal("hello\n"u8.ToArray(), first);
        Assert.Equal("bye\r\n"u8.ToArray(), rest);
        Assert.False(reset);
        var summary = await connection.Completion.WaitAsync(Waits.Long);
        Assert.Equal(CloseReason.Completed, summary.Reason);
        Assert.Equal(11, summary.BytesReceived);
        Assert.Equal(11, summary.BytesSent);
    }

    [Fact]
    public async Task Should_hold_at_most_its_buffers_for_a_client_that_sends_without_reading_and_lose_nothing()
    {
        // Given an echo connection whose client sends 1 MiB before it reads a byte
        await using var connection = InMemoryConnection.Start(EchoService.HandleConnectionAsync);
        var payload = new byte[1024 * 1024];
        new Random(7).NextBytes(payload);

        // When it sends it all and only then reads (the write waits while the server's buffers are full: flow control)
        var sending = Task.Run(async () =>
        {
            await InMemoryClient.SendAsync(connection, payload);
            await connection.Output.CompleteAsync();
        });
        var held = await SettledAsync(() => connection.Server.BytesReceived);
        Assert.InRange(held, 1, 512 * 1024); // Its pipes and the peer's: 64 KiB each, and one read of overshoot.
        Assert.False(sending.IsCompleted);
        var (echoed, reset) = await InMemoryClient.ReadToEndAsync(connection);
        await sending.WaitAsync(Waits.Long);

        // Then every byte came back, in order
        Assert.False(reset);
        Assert.Equal(payload, echoed);
    }

    [Fact]
    public async Task Should_report_a_reset_when_the_client_resets()
    {
        // Given an echo connection that has echoed a line
        await using var connection = InMemoryConnection.Start(EchoService.HandleConnectionAsync);
        await InMemoryClient.SendAsync(connection, "x"u8.ToArray());
        await InMemoryClient.ReadExactlyAsync(connection, 1);

        // When the client resets
        connection.Reset();

        // Then the connection ends as reset by the peer
        var summary = await connection.Completion.WaitAsync(Waits.Long);
        Assert.Equal(CloseReason.PeerReset, summary.Reason);
    }

    /// <summary>The value once it has stopped changing for 50 ms (the server has stopped reading), within the long wait.</summary>
    private static async Task<long> SettledAsync(Func<long> value)
    {
        using var deadline = new CancellationTokenSource(Waits.Long);
        var last = -1L;
        var since = Environment.TickCount64;
        while (true)
        {
            var now = value();
            if (now != last || now == 0)
            {
                last = now;
                since = Environment.TickCount64;
            }
            else if (Environment.TickCount64 - since >= 50)
            {
                return now;
            }

            await Task.Delay(5, deadline.Token);
        }
    }
}
