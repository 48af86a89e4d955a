using NetProg.Transport.Udp;
using Xunit.Abstractions;

namespace NetProg.Transport.Tests.Udp;

[Collection(TimingCollection.Name)]
public sealed class UdpServerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(512)]
    [InlineData(1472)]
    [InlineData(8192)]
    [InlineData(65507)]
    public async Task Should_echo_a_datagram_of_any_size_up_to_the_IPv4_maximum_exactly(int size)
    {
        // Given a UDP echo server and a datagram of this size (0: empty; 1472: one Ethernet frame; 65,507: the IPv4 maximum)
        await using var server = RunningUdpServer.Start();
        using var client = UdpProbe.Connect(server.EndPoint);
        var datagram = Payloads.Random(size, size);

        // When the client sends it
        await client.SendAsync(datagram);
        var reply = await client.ReceiveAsync(Waits.Long);

        // Then exactly the same bytes come back as one datagram, not truncated
        Assert.NotNull(reply);
        BytesAssert.Equal(datagram, reply);
        Assert.Equal(0, server.Server.DroppedDatagrams);
    }

    [Fact]
    public async Task Should_echo_over_IPv6_loopback()
    {
        // Given a UDP echo server on [::1]
        await using var server = RunningUdpServer.Start(address: IPAddress.IPv6Loopback);
        using var client = UdpProbe.Connect(server.EndPoint);

        // When a client sends a datagram
        await client.SendAsync("over ::1\n"u8.ToArray());

        // Then it comes back
        Assert.Equal("over ::1\n"u8.ToArray(), await client.ReceiveAsync(Waits.Long));
    }

    [Fact]
    public async Task Should_not_answer_a_client_whose_source_port_is_another_service_of_this_process()
    {
        // Given two UDP echo servers sharing ServedPorts, the other one on [::1] (its port is then free on 127.0.0.1),
        // and a client bound to 127.0.0.1 on the other server's port: what a spoofed loop between two services looks like
        var served = new ServedPorts();
        var options = new UdpServerOptions { ServedPorts = served };
        await using var server = RunningUdpServer.Start(options);
        await using var other = RunningUdpServer.Start(options, IPAddress.IPv6Loopback);
        using var looping = UdpProbe.Connect(server.EndPoint, new IPEndPoint(IPAddress.Loopback, other.Port));
        using var honest = UdpProbe.Connect(server.EndPoint);

        // When that client sends a datagram
        await looping.SendAsync("ping"u8.ToArray());

        // Then no reply comes, and the drop is counted (the honest client's echo shows the server has handled it)
        Assert.Null(await looping.ReceiveAsync(Waits.Negative));
        await honest.SyncAsync("marker"u8.ToArray());
        Assert.Equal(1, server.Server.DroppedDatagrams);
    }

    [Fact]
    public async Task Should_answer_a_client_on_a_served_port_when_the_loop_guard_is_off()
    {
        // Given the same setup with LoopGuard = false (--no-loop-guard)
        var served = new ServedPorts();
        var options = new UdpServerOptions { ServedPorts = served, LoopGuard = false };
        await using var server = RunningUdpServer.Start(options);
        await using var other = RunningUdpServer.Start(options, IPAddress.IPv6Loopback);
        using var looping = UdpProbe.Connect(server.EndPoint, new IPEndPoint(IPAddress.Loopback, other.Port));

        // When that client sends a datagram
        await looping.SendAsync("ping"u8.ToArray());

        // Then it is answered
        Assert.Equal("ping"u8.ToArray(), await looping.ReceiveAsync(Waits.Long));
        Assert.Equal(0, server.Server.DroppedDatagrams);
    }

    [Fact]
    public async Task Should_not_answer_a_client_on_a_privileged_source_port()
    {
        // Given a UDP echo server and, as root only, a client bound to a source port below 1024 (where echo, daytime, chargen live)
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            output.WriteLine($"Skipped: binding a source port below 1024 needs root; running as {Environment.UserName}.");
            return;
        }

        await using var server = RunningUdpServer.Start();
        using var privileged = BindPrivileged(server.EndPoint);
        using var honest = UdpProbe.Connect(server.EndPoint);

        // When it sends a datagram
        await privileged.SendAsync("ping"u8.ToArray());

        // Then no reply comes, and the drop is counted
        Assert.Null(await privileged.ReceiveAsync(Waits.Negative));
        await honest.SyncAsync("marker"u8.ToArray());
        Assert.Equal(1, server.Server.DroppedDatagrams);
    }

    [Fact]
    public async Task Should_answer_every_datagram_of_a_fast_loopback_client_whatever_the_rate_limit()
    {
        // Given a UDP echo server limited to 10 datagrams per second per far source (loopback is near: never limited)
        await using var server = RunningUdpServer.Start(new UdpServerOptions { RateLimitPerSecond = 10 });
        using var client = UdpProbe.Connect(server.EndPoint);

        // When a loopback client sends 100 datagrams at once, then a marker until it is answered
        for (var i = 0; i < 100; i++)
        {
            await client.SendAsync(BitConverter.GetBytes(i));
        }

        var (replies, _) = await client.SyncAsync("marker"u8.ToArray());

        // Then all 100 were answered, ten times the per-source limit (far sources' buckets: SourceRateTableTests)
        output.WriteLine($"{replies.Count} replies, {server.Server.DroppedDatagrams} dropped");
        Assert.Equal(100, replies.Count);
        Assert.Equal(0, server.Server.DroppedDatagrams);
    }

    [Fact]
    public async Task Should_keep_answering_after_the_handler_failed_on_one_datagram()
    {
        // Given a UDP server whose handler fails on one particular request
        UdpDatagramHandler fragile = (request, remote, reply) => request.SequenceEqual("boom"u8)
            ? throw new InvalidOperationException("handler bug")
            : RunningUdpServer.Echo(request, remote, reply);
        await using var server = RunningUdpServer.Start(handler: fragile);
        using var client = UdpProbe.Connect(server.EndPoint);

        // When that request comes, and then an ordinary one
        await client.SendAsync("boom"u8.ToArray());
        await client.SendAsync("still there?"u8.ToArray());

        // Then the ordinary one is still answered: one bad datagram must not stop the service (as one bad TCP connection does not)
        Assert.Equal("still there?"u8.ToArray(), await client.ReceiveAsync(Waits.Long));
        Assert.False(server.Run.IsCompleted, "the server stopped");
    }

    private static UdpProbe BindPrivileged(IPEndPoint server)
    {
        // Any free port below 1024 will do; 1000 first.
        foreach (var port in new[] { 1000, 1001, 1002, 999, 998, 997, 996, 995, 990, 980 })
        {
            try
            {
                return UdpProbe.Connect(server, new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
            }
        }

        throw new InvalidOperationException("no free UDP port below 1024 on 127.0.0.1");
    }
}
