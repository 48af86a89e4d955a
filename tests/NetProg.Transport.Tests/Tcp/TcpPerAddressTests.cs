using System.Collections.Concurrent;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Tcp;

/// <summary>
/// One address must not hold every slot (<see cref="TcpServerOptions.MaxConnectionsPerAddress"/>): an outside review kept a
/// new client out of a 1,000-slot login server with 1,000 idle connections from one address. Clients come from 127.0.0.2
/// and 127.0.0.3 (Linux routes all of 127/8 to the loopback interface), with <see cref="TcpServerOptions.LimitLoopback"/> on.
/// </summary>
public abstract class TcpPerAddressTests(TransportMode mode)
{
    private static readonly IPAddress Greedy = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.3");

    /// <summary>On .NET's sockets.</summary>
    public sealed class Sockets() : TcpPerAddressTests(TransportMode.Sockets);

    /// <summary>On the epoll loop, handler on the thread pool.</summary>
    public sealed class Epoll() : TcpPerAddressTests(TransportMode.Epoll);

    /// <summary>On the epoll loop, handler on the loop's thread.</summary>
    public sealed class EpollInline() : TcpPerAddressTests(TransportMode.EpollInline);

    [LinuxFact]
    public async Task Should_turn_away_an_address_past_its_share_and_still_serve_another_address()
    {
        // Given an echo server with 10 slots, at most 4 per address, that reports rejections
        var rejections = new ConcurrentQueue<(IPEndPoint Remote, ConnectionLimit Limit)>();
        using var rejected = new SemaphoreSlim(0);
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, new TcpServerOptions { MaxConnections = 10, MaxConnectionsPerAddress = 4, LimitLoopback = true }, s =>
            s.ConnectionRejected = (remote, limit) =>
            {
                rejections.Enqueue((remote, limit));
                rejected.Release();
            });

        // When one address opens its 4 and is served on each
        var held = new List<Socket>();
        for (var i = 0; i < 4; i++)
        {
            held.Add(await From(Greedy, server.EndPoint));
            BytesAssert.Equal("held"u8.ToArray(), await Loopback.RoundTripAsync(held[i], "held"u8.ToArray()));
        }

        // And tries a 5th, then another address connects
        using var fifth = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        fifth.Bind(new IPEndPoint(Greedy, 0));
        var turnedAway = await Loopback.TryServiceAsync(fifth, server.EndPoint);
        using var other = await From(Other, server.EndPoint);

        // Then the 5th gets no byte of service, reported as the per-address limit, and the other address is served
        Assert.Empty(turnedAway);
        Assert.True(await rejected.WaitAsync(Waits.Long), "no rejection reported");
        Assert.True(rejections.TryDequeue(out var rejection));
        Assert.Equal((Greedy, ConnectionLimit.Address), (rejection.Remote.Address, rejection.Limit));
        BytesAssert.Equal("other"u8.ToArray(), await Loopback.RoundTripAsync(other, "other"u8.ToArray()));
        Assert.Equal(5, server.Server.ActiveConnections);

        // When every client leaves
        foreach (var socket in held.Append(other))
        {
            socket.Shutdown(SocketShutdown.Send);
            await Loopback.ReadToEndAsync(socket, Waits.Long);
            socket.Dispose();
        }

        // Then the table of open connections per address is empty again (it holds only addresses with a connection open)
        await Waits.UntilAsync(() => server.Server.ActiveConnections == 0 && server.Server.CountedAddresses == 0, Waits.Long);
    }

    [LinuxFact]
    public async Task Should_not_count_loopback_clients_by_default()
    {
        // Given an echo server allowing 2 per address, with the default for loopback clients
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo, new TcpServerOptions { MaxConnections = 10, MaxConnectionsPerAddress = 2 });

        // When one loopback address opens 4 connections
        var sockets = new List<Socket>();
        for (var i = 0; i < 4; i++)
        {
            sockets.Add(await From(Greedy, server.EndPoint));
        }

        // Then all are served: every 127/8 address is this machine, and a local load test must not be held back
        foreach (var socket in sockets)
        {
            BytesAssert.Equal("mine"u8.ToArray(), await Loopback.RoundTripAsync(socket, "mine"u8.ToArray()));
            socket.Dispose();
        }

        Assert.Equal(0, server.Server.CountedAddresses);
    }

    private static Task<Socket> From(IPAddress source, IPEndPoint server) =>
        Loopback.ConnectAsync(server, socket => socket.Bind(new IPEndPoint(source, 0)));
}
