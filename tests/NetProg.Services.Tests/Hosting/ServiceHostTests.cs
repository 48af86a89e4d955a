using NetProg.Services.Clients;
using NetProg.Services.Hosting;
using NetProg.Transport;
using NetProg.Transport.Client;
using NetProg.Transport.Udp;

namespace NetProg.Services.Tests.Hosting;

public sealed class ServiceHostTests
{
    [Fact]
    public async Task Should_listen_on_TCP_and_UDP_on_one_port_when_both_are_asked_for_with_port_0()
    {
        // Given the echo service bound for both transports on port 0
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Both);

        // When we look at what it bound
        var listening = server.Host.Listening;

        // Then there is one TCP and one UDP socket on 127.0.0.1, with the same real port
        Assert.Equal(2, listening.Count);
        Assert.Contains(listening, l => l.Protocol == TransportProtocol.Tcp);
        Assert.Contains(listening, l => l.Protocol == TransportProtocol.Udp);
        Assert.All(listening, l => Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.Port), l.EndPoint));
        Assert.All(listening, l => Assert.Equal("echo", l.Service));
        Assert.NotEqual(0, server.Port);
        Assert.Equal($"127.0.0.1:{server.Port}/udp", listening.Single(l => l.Protocol == TransportProtocol.Udp).ToString());
    }

    [Fact]
    public async Task Should_count_TCP_clients_UDP_datagrams_and_bytes()
    {
        // Given the echo service on both transports
        var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Both);
        await using (server)
        {
            // When 3 TCP clients send 100 bytes each and one UDP client 4 datagrams of 10 bytes
            for (var i = 0; i < 3; i++)
            {
                using var input = new MemoryStream(new byte[100]);
                using var output = new MemoryStream();
                await EchoClient.StreamAsync("127.0.0.1", server.Port, input, output, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);
            }

            await using (var session = await EchoSession.OpenAsync("127.0.0.1", server.Port, udp: true, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long))
            {
                for (var i = 0; i < 4; i++)
                {
                    await session.ExchangeAsync(new byte[10], CancellationToken.None).WaitAsync(Waits.Long);
                }
            }

            // (stopping waits for every connection's end, so the counters are final)
            await server.StopAsync();
        }

        // Then the stats say so
        var stats = server.Host.Stats;
        Assert.Equal(3, stats.TcpClients);
        Assert.Equal(4, stats.UdpDatagrams);
        Assert.Equal(7, stats.ClientsServed);
        Assert.Equal(340, stats.BytesIn);
        Assert.Equal(340, stats.BytesOut);
        Assert.Equal(0, stats.ActiveConnections);
        Assert.Equal(0, stats.Dropped);
        Assert.Equal(0, stats.Rejected);
    }

    [Fact]
    public async Task Should_count_a_connection_turned_away_at_the_limit()
    {
        // Given the echo service limited to one TCP connection, with one client holding it
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp, o => o with { Tcp = new() { MaxConnections = 1 } });
        await using var holder = await EchoSession.OpenAsync("127.0.0.1", server.Port, udp: false, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);
        Assert.Equal("held\n"u8.ToArray(), await holder.ExchangeAsync("held\n"u8.ToArray(), CancellationToken.None).WaitAsync(Waits.Long));

        // When a second client connects and asks for an echo (the server's RST may even beat the end of our connect)
        byte[]? reply = null;
        try
        {
            await using var second = await EchoSession.OpenAsync("127.0.0.1", server.Port, udp: false, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);
            reply = await second.ExchangeAsync("turned away?\n"u8.ToArray(), CancellationToken.None).WaitAsync(Waits.Long);
        }
        catch (NetworkException e) when (e.Kind == SocketErrorKind.ConnectionReset)
        {
        }

        // Then it got no echo, and the rejection is counted
        Assert.True(reply is null || reply.Length == 0);
        await server.StopAsync();
        Assert.Equal(1, server.Host.Stats.Rejected);
        Assert.Equal(1, server.Host.Stats.TcpClients);
    }

    [Fact]
    public async Task Should_answer_and_count_every_datagram_of_a_loopback_client_over_the_rate_limit()
    {
        // Given the echo service over UDP limited to 10 datagrams per second per far source (loopback is near: not limited)
        var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp, o => o with { Udp = new UdpServerOptions { RateLimitPerSecond = 10 } });
        int sent;
        await using (server)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            client.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));

            // When one client sends 100 datagrams at once, then a marker until it is echoed (handled in order, so after its
            // echo every earlier datagram has been answered or dropped)
            for (var i = 0; i < 100; i++)
            {
                await client.SendAsync(new byte[] { 1 }, SocketFlags.None).WaitAsync(Waits.Long);
            }

            var (marker, reply) = await UdpClientSocket.OpenAsync(
                "127.0.0.1", server.Port, "marker"u8.ToArray(), TimeSpan.FromSeconds(6), r => r.Span.SequenceEqual("marker"u8), CancellationToken.None).WaitAsync(Waits.Long);
            marker.Dispose();
            sent = 100 + reply.Transmissions;
            await server.StopAsync();
        }

        // Then every datagram was answered and counted, none dropped (far sources' limit: SourceRateTableTests)
        var stats = server.Host.Stats;
        Assert.Equal(sent, stats.UdpDatagrams);
        Assert.Equal(0, stats.Dropped);
    }
}
