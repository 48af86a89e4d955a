using System.Net.Sockets;
using NetProg.Transport.Tests.Support;
using Xunit;

namespace NetProg.Transport.Tests.Tcp;

/// <summary>
/// Issue #7: no allocation per echoed message in steady state. Counted with <see cref="GC.GetTotalAllocatedBytes"/> around
/// many round trips of a client whose own calls allocate nothing (blocking sends and receives on spans), in the
/// non-parallel collection, so the count is the server's.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class AllocationTests
{
    private const int RoundTrips = 5_000;

    // Windows of RoundTrips each; the least allocating one counts. An allocation per message shows in every window; the
    // runtime's background work (tiered JIT recompiling hot methods, a timer, a thread-pool thread starting) in some.
    private const int Windows = 6;

    [Theory]
    [InlineData(TransportMode.Sockets, false)]
    [InlineData(TransportMode.Epoll, false)]
    [InlineData(TransportMode.EpollInline, false)]
    [InlineData(TransportMode.Sockets, true)]
    [InlineData(TransportMode.Epoll, true)]
    [InlineData(TransportMode.EpollInline, true)]
    public async Task Should_allocate_nothing_per_echoed_message_once_warm(TransportMode mode, bool sendAsync)
    {
        // Both ways of answering: through Output (the pipes), and TcpConnection.SendAsync (netprog's echo service).
        await using var server = RunningTcpServer.Start(mode, sendAsync ? Handlers.EchoBySend : Handlers.Echo);
        long allocated = 0;
        Exception? failure = null;

        // The client on a thread of its own, blocking: no tasks, no thread-pool work items of its own.
        var thread = new Thread(() =>
        {
            try
            {
                using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000 };
                client.Connect(server.EndPoint);
                Span<byte> message = stackalloc byte[64];
                Span<byte> echo = stackalloc byte[64];
                message.Fill(0x5a);

                RoundTrip(client, message, echo, 2_000); // Warm: JIT tiers, pooled blocks, the state machines' boxes.
                allocated = long.MaxValue;
                for (var window = 0; window < Windows; window++)
                {
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    RoundTrip(client, message, echo, RoundTrips);
                    allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "the round trips did not finish");
        Assert.Null(failure);

        // Any allocation per message would be at least 24 bytes (the smallest object) per message.
        Assert.True(allocated < RoundTrips, $"{allocated:N0} bytes allocated over {RoundTrips:N0} echoed messages (the least of {Windows} windows)");
    }

    private static void RoundTrip(Socket client, ReadOnlySpan<byte> message, Span<byte> echo, int count)
    {
        for (var i = 0; i < count; i++)
        {
            client.Send(message);
            var received = 0;
            while (received < echo.Length)
            {
                var n = client.Receive(echo[received..]);
                if (n == 0)
                {
                    throw new IOException("the server closed the connection");
                }

                received += n;
            }
        }
    }
}
