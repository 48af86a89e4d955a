using System.Collections.Concurrent;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

/// <summary><see cref="TcpServerOptions.AllowClient"/>: a refused client is reset before it takes a slot, reported once per address within a minute.</summary>
public abstract class TcpAllowClientTests(TransportMode mode)
{
    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : TcpAllowClientTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpAllowClientTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpAllowClientTests(TransportMode.EpollInline);

    [Fact]
    public async Task Should_reset_a_refused_client_without_serving_it_and_say_first_only_once_per_address()
    {
        // Given an echo server on 127.0.0.1 that allows 127.0.0.2 only
        using var refusals = new BlockingCollection<(IPEndPoint Remote, bool First)>();
        var served = 0;
        await using var server = RunningTcpServer.Start(
            mode,
            (connection, stopping) =>
            {
                Interlocked.Increment(ref served);
                return Handlers.Echo(connection, stopping);
            },
            new TcpServerOptions { AllowClient = address => address.Equals(IPAddress.Parse("127.0.0.2")), MaxConnections = 1 },
            s => s.ClientRefused = (remote, notice) => refusals.Add((remote, notice.Name)));

        // When a client from 127.0.0.1 connects twice
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var refused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            refused.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)refused.LocalEndPoint!).Port;

            // Then it is reset without a byte (on loopback the RST can beat connect()'s own completion), and the server
            // reports it: the first time as the first from its address
            var received = await ConnectAndReadAsync(refused, server.EndPoint);
            Assert.True(received.WasReset);
            Assert.Empty(received.Data);
            Assert.True(refusals.TryTake(out var refusal, Waits.Long));
            Assert.Equal(IPAddress.Loopback, refusal.Remote.Address);
            Assert.Equal(port, refusal.Remote.Port);
            Assert.Equal(attempt == 0, refusal.First);
        }

        // And the refused ones took no slot: an allowed client is served although the limit is one connection
        using var allowed = await Loopback.ConnectAsync(server.EndPoint, s => s.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0)));
        BytesAssert.Equal("hello"u8.ToArray(), await Loopback.RoundTripAsync(allowed, "hello"u8.ToArray()));
        Assert.Equal(1, Volatile.Read(ref served));
    }

    private static async Task<ReceivedStream> ConnectAndReadAsync(Socket socket, IPEndPoint server)
    {
        try
        {
            await socket.ConnectAsync(server).WaitAsync(Waits.Long);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return new ReceivedStream([], WasReset: true);
        }

        return await Loopback.ReadToEndAsync(socket, Waits.Long);
    }
}
