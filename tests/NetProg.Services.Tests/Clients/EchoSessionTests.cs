using NetProg.Services.Clients;
using NetProg.Services.Hosting;
using NetProg.Transport;

namespace NetProg.Services.Tests.Clients;

public sealed class EchoSessionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_get_each_line_back_on_one_session(bool udp)
    {
        // Given the echo service over TCP and UDP on one port
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Both);

        // When a session sends three lines, one after the other
        await using var session = await EchoSession.OpenAsync("127.0.0.1", server.Port, udp, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);
        var lines = new[] { "hello\n"u8.ToArray(), "second line\n"u8.ToArray(), new byte[5000] };
        var replies = new List<byte[]>();
        foreach (var line in lines)
        {
            replies.Add(await session.ExchangeAsync(line, CancellationToken.None).WaitAsync(Waits.Long));
        }

        // Then each comes back whole, over the transport asked for, from the server's address
        Assert.Equal(lines, replies);
        Assert.Equal(udp ? TransportProtocol.Udp : TransportProtocol.Tcp, session.Protocol);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.Port), session.RemoteEndPoint);
        Assert.Empty(session.FailedAttempts);
    }

    [Fact]
    public async Task Should_return_fewer_bytes_when_the_server_closes_during_an_exchange()
    {
        // Given a TCP session to a server that stops (and so closes its connections) before the next line
        var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        await using var session = await EchoSession.OpenAsync("127.0.0.1", server.Port, udp: false, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);
        Assert.Equal("before\n"u8.ToArray(), await session.ExchangeAsync("before\n"u8.ToArray(), CancellationToken.None).WaitAsync(Waits.Long));
        await server.StopAsync();
        await server.DisposeAsync();

        // When the session sends another line
        byte[]? reply = null;
        NetworkException? error = null;
        try
        {
            reply = await session.ExchangeAsync("after\n"u8.ToArray(), CancellationToken.None).WaitAsync(Waits.Long);
        }
        catch (NetworkException e)
        {
            error = e;
        }

        // Then it learns the server is gone: no echo (the server's FIN), or the reset that followed it
        if (error is null)
        {
            Assert.Empty(reply!);
        }
        else
        {
            Assert.Equal(SocketErrorKind.ConnectionReset, error.Kind);
        }
    }
}
