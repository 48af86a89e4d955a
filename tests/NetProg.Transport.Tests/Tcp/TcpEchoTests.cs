namespace NetProg.Transport.Tests.Tcp;

public abstract class TcpEchoTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : TcpEchoTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpEchoTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpEchoTests(TransportMode.EpollInline);

    private const int Seed = 20261124;

    /// <summary>The edges around a page (4 KiB, the receive buffer), a pipe segment, a 64 KiB window, 1 MiB; and seeded random sizes.</summary>
    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (var size in new[] { 1, 4095, 4096, 4097, 65536, 1024 * 1024 })
        {
            data.Add(size, Seed + size);
        }

        var random = new Random(Seed);
        for (var i = 0; i < 6; i++)
        {
            var size = random.Next(2, 1024 * 1024);
            data.Add(size, Seed + size);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Should_echo_every_byte_in_order_and_then_end_with_FIN_when_the_client_half_closes(int size, int seed)
    {
        // Given an echo server and a random payload cut into random pieces, some of them a few bytes
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo);
        var payload = Payloads.Random(seed, size);
        var splits = Payloads.Splits(new Random(seed), size);
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client sends the pieces, half-closes (FIN), and reads concurrently until the stream ends
        var reading = Loopback.ReadToEndAsync(client, Waits.Long);
        var offset = 0;
        foreach (var piece in splits)
        {
            await Loopback.SendAllAsync(client, payload.AsMemory(offset, piece)).WaitAsync(Waits.Long);
            offset += piece;
        }

        client.Shutdown(SocketShutdown.Send);
        var received = await reading;

        // Then it gets exactly what it sent, and the server closes with FIN, not RST (RFC 862 over a half-closed stream)
        BytesAssert.Equal(payload, received.Data);
        Assert.False(received.WasReset, "the server reset the connection instead of closing it");
    }

    [Fact]
    public async Task Should_keep_sending_after_the_client_half_closed_before_reading_anything()
    {
        // Given an echo server and a payload that fits the pipes and socket buffers (the client reads nothing until it is sent)
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo);
        var payload = Payloads.Random(Seed, 48 * 1024);
        using var client = await Loopback.ConnectAsync(server.EndPoint);

        // When the client sends everything, half-closes, and only then starts reading
        await Loopback.SendAllAsync(client, payload).WaitAsync(Waits.Long);
        client.Shutdown(SocketShutdown.Send);
        var received = await Loopback.ReadToEndAsync(client, Waits.Long);

        // Then the FIN did not end the server's side: the whole echo arrives, then EOF
        BytesAssert.Equal(payload, received.Data);
        Assert.False(received.WasReset);
    }

    [Fact]
    public async Task Should_echo_over_IPv6_loopback()
    {
        // Given an echo server bound to [::1] only
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, addresses: IPAddress.IPv6Loopback);
        using var client = await Loopback.ConnectAsync(server.EndPoint);
        var payload = Payloads.Random(Seed, 10_000);

        // When a client exchanges data and half-closes
        var echoed = await Loopback.RoundTripAsync(client, payload);
        client.Shutdown(SocketShutdown.Send);
        var rest = await Loopback.ReadToEndAsync(client, Waits.Long);

        // Then the server's address is [::1] and the echo is exact
        Assert.Equal(IPAddress.IPv6Loopback, server.EndPoint.Address);
        BytesAssert.Equal(payload, echoed);
        Assert.Empty(rest.Data);
        Assert.False(rest.WasReset);
    }

    [Fact]
    public async Task Should_bind_one_port_number_on_both_loopback_addresses_when_asked_for_port_0()
    {
        // Given a server on 127.0.0.1 and ::1 with port 0
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, addresses: [IPAddress.Loopback, IPAddress.IPv6Loopback]);

        // When we look at what it bound
        var endPoints = server.Server.LocalEndPoints;

        // Then both addresses have the same real port, and both serve
        Assert.Equal(2, endPoints.Count);
        Assert.Equal(IPAddress.Loopback, endPoints[0].Address);
        Assert.Equal(IPAddress.IPv6Loopback, endPoints[1].Address);
        Assert.NotEqual(0, endPoints[0].Port);
        Assert.Equal(endPoints[0].Port, endPoints[1].Port);
        foreach (var endPoint in endPoints)
        {
            using var client = await Loopback.ConnectAsync(endPoint);
            var payload = Payloads.Random(endPoint.Port, 100);
            BytesAssert.Equal(payload, await Loopback.RoundTripAsync(client, payload));
        }
    }
}
