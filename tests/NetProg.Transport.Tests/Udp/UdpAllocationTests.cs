using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests.Udp;

/// <summary>
/// No allocation per echoed datagram in steady state, with the server's guards on (the loop guard, a per-source rate
/// limit) and its per-datagram callback set, as the service host sets it (measured by <see cref="SteadyStateAllocations"/>).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class UdpAllocationTests
{
    // With the rate limit on, a loopback client is near (never limited) but its address is still classified and keyed for
    // every datagram: that must not allocate either.
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public async Task Should_allocate_nothing_per_echoed_datagram_once_warm(int rateLimitPerSecond)
    {
        // Given a UDP echo server with the loop guard on, a rate limit (0: none; else far above this test's rate) and a
        // per-datagram callback that reads what it is given
        const long expected = (SteadyStateAllocations.WarmUp + SteadyStateAllocations.Windows * SteadyStateAllocations.PerWindow) * 64L;
        long answered = 0;
        // Set by the server's thread after the last reply went out, which the client may see before the callback ran.
        var allAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RunningUdpServer.Start(new UdpServerOptions { RateLimitPerSecond = rateLimitPerSecond });
        server.Server.DatagramHandled = summary =>
        {
            if ((answered += summary.BytesSent) == expected)
            {
                allAnswered.TrySetResult();
            }
        };

        // When a client sends 64-byte datagrams one at a time and waits for each echo
        using var client = new Socket(server.EndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
        client.Connect(server.EndPoint);
        var allocated = SteadyStateAllocations.LeastPerWindow(count => RoundTrips(client, count));

        // Then every datagram was answered, and the least allocating window allocated less than a byte per datagram (an
        // allocation per datagram would be at least 24 bytes each)
        Assert.True(await Waits.CompletesWithinAsync(allAnswered.Task, Waits.Long), $"{Volatile.Read(ref answered):N0} of {expected:N0} bytes answered");
        Assert.Equal(0, server.Server.DroppedDatagrams);
        Assert.True(
            allocated < SteadyStateAllocations.PerWindow,
            $"{allocated:N0} bytes allocated over {SteadyStateAllocations.PerWindow:N0} echoed datagrams (the least of {SteadyStateAllocations.Windows} windows)");
    }

    private static void RoundTrips(Socket client, int count)
    {
        Span<byte> datagram = stackalloc byte[64];
        Span<byte> echo = stackalloc byte[128];
        datagram.Fill(0x5a);
        for (var i = 0; i < count; i++)
        {
            client.Send(datagram);
            if (client.Receive(echo) != datagram.Length)
            {
                throw new IOException("the echo was not the datagram's length");
            }
        }
    }
}
