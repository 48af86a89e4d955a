namespace NetProg.Transport.Tests.Tcp;

/// <summary>No allocation per echoed message in steady state (measured by <see cref="SteadyStateAllocations"/>).</summary>
[Collection(TimingCollection.Name)]
public sealed class AllocationTests
{
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
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000 };
        client.Connect(server.EndPoint);

        var allocated = SteadyStateAllocations.LeastPerWindow(count => RoundTrips(client, count));

        // Any allocation per message would be at least 24 bytes (the smallest object) per message.
        Assert.True(
            allocated < SteadyStateAllocations.PerWindow,
            $"{allocated:N0} bytes allocated over {SteadyStateAllocations.PerWindow:N0} echoed messages (the least of {SteadyStateAllocations.Windows} windows)");
    }

    private static void RoundTrips(Socket client, int count)
    {
        Span<byte> message = stackalloc byte[64];
        Span<byte> echo = stackalloc byte[64];
        message.Fill(0x5a);
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
