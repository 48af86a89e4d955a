using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests.Udp;

/// <summary>
/// The UDP host with a <see cref="UdpDatagramReceiver"/> (what <c>forward</c> relays on): the datagram handed over, answered
/// later from the socket it reached, --allow before everything, the source rules, and no thread per socket.
/// </summary>
public sealed class UdpReceiverTests
{
    [Fact]
    public async Task Should_hand_each_datagram_to_the_receiver_which_answers_later_from_the_socket_it_reached()
    {
        // Given a host on 127.0.0.1 and ::1 on one port, whose receiver answers each datagram reversed, after yielding
        await using var server = Host(ListenerSockets.Bind([IPAddress.Loopback, IPAddress.IPv6Loopback], 0, [TransportProtocol.Udp]), new UdpServerOptions());
        var seen = Channel.CreateUnbounded<(int Index, IPEndPoint Remote)>();
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync(async (listener, remote, datagram, stopping) =>
        {
            seen.Writer.TryWrite((listener.Index, remote));
            var reversed = datagram.ToArray();
            Array.Reverse(reversed);
            await Task.Yield();
            await listener.SendToAsync(reversed, remote, stopping);
        }, stop.Token);

        // When a client on each address sends a datagram (each connected: it accepts replies only from the server's end point)
        using var v4 = UdpProbe.Connect(server.LocalEndPoints[0]);
        using var v6 = UdpProbe.Connect(server.LocalEndPoints[1]);
        await v4.SendAsync("abc"u8.ToArray());
        await v6.SendAsync("xyz"u8.ToArray());

        // Then each gets its answer, from the socket it sent to, and the receiver saw which listener and which client
        Assert.Equal("cba"u8.ToArray(), await v4.ReceiveAsync(Waits.Long));
        Assert.Equal("zyx"u8.ToArray(), await v6.ReceiveAsync(Waits.Long));
        var calls = new[] { await seen.Reader.ReadAsync().AsTask().WaitAsync(Waits.Long), await seen.Reader.ReadAsync().AsTask().WaitAsync(Waits.Long) };
        Assert.Contains((0, (IPEndPoint)v4.Socket.LocalEndPoint!), calls);
        Assert.Contains((1, (IPEndPoint)v6.Socket.LocalEndPoint!), calls);

        // And a stop ends the run
        await stop.CancelAsync();
        await run.WaitAsync(Waits.Long);
    }

    [Fact]
    public async Task Should_refuse_what_the_allow_list_refuses_before_the_receiver_and_report_each_address_first_once()
    {
        // Given a host that allows nobody on loopback, and counts what reaches its receiver
        var refused = Channel.CreateUnbounded<(IPEndPoint Client, bool First)>();
        await using var server = Host(ListenerSockets.Bind([IPAddress.Loopback], 0, [TransportProtocol.Udp]), new UdpServerOptions { AllowClient = a => !IPAddress.IsLoopback(a) });
        server.ClientRefused = (client, notice) => refused.Writer.TryWrite((client, notice.Name));
        var received = 0;
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync((_, _, _, _) =>
        {
            Interlocked.Increment(ref received);
            return ValueTask.CompletedTask;
        }, stop.Token);

        // When a client sends three datagrams
        using var client = UdpProbe.Connect(server.LocalEndPoints[0]);
        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync("let me in"u8.ToArray());
        }

        // Then three refusals are reported, the first marked first, with the client's end point; nothing reached the receiver,
        // and a refusal is not a drop of the source rules
        var reports = new List<(IPEndPoint Client, bool First)>();
        for (var i = 0; i < 3; i++)
        {
            reports.Add(await refused.Reader.ReadAsync().AsTask().WaitAsync(Waits.Long));
        }

        Assert.Equal([true, false, false], reports.Select(r => r.First));
        Assert.All(reports, r => Assert.Equal(client.Socket.LocalEndPoint, r.Client));
        Assert.Equal(0, Volatile.Read(ref received));
        Assert.Equal(0, server.DroppedDatagrams);
        await stop.CancelAsync();
        await run.WaitAsync(Waits.Long);
    }

    [Fact]
    public async Task Should_drop_by_the_source_rules_before_the_receiver()
    {
        // Given a host with the loop guard on, a client whose source port is one this process serves, and an honest client
        using var looping = UdpProbe.Connect(new IPEndPoint(IPAddress.Loopback, 9)); // re-connected below, once the port is known
        var served = new ServedPorts();
        served.Add(looping.LocalPort);
        await using var server = Host(ListenerSockets.Bind([IPAddress.Loopback], 0, [TransportProtocol.Udp]), new UdpServerOptions { ServedPorts = served });
        looping.Socket.Connect(server.LocalEndPoints[0]);
        using var honest = UdpProbe.Connect(server.LocalEndPoints[0]);
        var sources = Channel.CreateUnbounded<IPEndPoint>();
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync((_, remote, _, _) =>
        {
            sources.Writer.TryWrite(remote);
            return ValueTask.CompletedTask;
        }, stop.Token);

        // When the looping client sends, then the honest one
        await looping.SendAsync("loop"u8.ToArray());
        await honest.SendAsync("hello"u8.ToArray());

        // Then only the honest one reached the receiver (the socket's datagrams are taken in order), and one drop was counted
        Assert.Equal(honest.Socket.LocalEndPoint, await sources.Reader.ReadAsync().AsTask().WaitAsync(Waits.Long));
        Assert.Equal(1, server.DroppedDatagrams);
        await stop.CancelAsync();
        await run.WaitAsync(Waits.Long);
    }

    [Fact]
    public async Task Should_serve_a_thousand_sockets_without_a_thread_for_each()
    {
        // Given a host on five hundred UDP sockets (a range of forward), each answering with its listener's index
        var sockets = new List<Socket>();
        for (var i = 0; i < 500; i++)
        {
            sockets.AddRange(ListenerSockets.Bind([IPAddress.Loopback], 0, [TransportProtocol.Udp]));
        }

        await using var server = Host(sockets, new UdpServerOptions());
        var threadsBefore = Process.GetCurrentProcess().Threads.Count;
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync(async (listener, remote, _, stopping) =>
            await listener.SendToAsync(BitConverter.GetBytes(listener.Index), remote, stopping), stop.Token);

        // When a client sends to the first and the last
        using var first = UdpProbe.Connect(server.LocalEndPoints[0]);
        using var last = UdpProbe.Connect(server.LocalEndPoints[499]);
        await first.SendAsync("?"u8.ToArray());
        await last.SendAsync("?"u8.ToArray());

        // Then both answer, and the process did not grow by a thread per socket (a blocking receive each would add 500)
        Assert.Equal(BitConverter.GetBytes(0), await first.ReceiveAsync(Waits.Long));
        Assert.Equal(BitConverter.GetBytes(499), await last.ReceiveAsync(Waits.Long));
        Assert.True(Process.GetCurrentProcess().Threads.Count - threadsBefore < 100, $"threads {threadsBefore} -> {Process.GetCurrentProcess().Threads.Count}");
        await stop.CancelAsync();
        await run.WaitAsync(Waits.Long);
    }

    [Fact]
    public void Should_refuse_sockets_that_are_not_bound_UDP_sockets()
    {
        // Given a TCP socket
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        // When it is handed to the UDP host, Then that is refused at once
        Assert.Throws<ArgumentException>(() => UdpServer.Listen([tcp], new UdpServerOptions(), NullLogger.Instance));
    }

    private static UdpServer Host(IReadOnlyList<Socket> sockets, UdpServerOptions options) => UdpServer.Listen(sockets, options, NullLogger.Instance);
}
