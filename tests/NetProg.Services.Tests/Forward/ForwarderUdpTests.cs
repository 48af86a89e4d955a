using NetProg.Protocols.Forwarding;
using NetProg.Protocols.Time;
using NetProg.Services.Clients;
using NetProg.Services.Forward;
using NetProg.Services.Hosting;
using NetProg.Transport;

namespace NetProg.Services.Tests.Forward;

/// <summary>UDP through <see cref="Forwarder"/>: per-client sessions, replies to the right client, expiry, --allow (docs/FORWARD.md).</summary>
public sealed class ForwarderUdpTests
{
    [Fact]
    public async Task Should_relay_the_time_over_UDP()
    {
        // Given a UDP time server behind a forwarder
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 24, 10, 52, 49, TimeSpan.Zero), FixedClock.PlusNine);
        await using var time = RunningHost.Start(ServiceCatalog.Time(TimeFormat.Ctime, appendNul: false, clock), ProtocolSelection.Udp);
        await using var forward = RunningForwarder.Start(time.Port, ProtocolSelection.Udp);

        // When the time client asks through it
        var result = await TimeClient.QueryAsync("127.0.0.1", forward.Port, udp: true, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then the reply is the server's, byte for byte
        Assert.Equal("Tue Nov 24 19:52:49 2026", result.Reply.Text);
        Assert.Equal(25, result.ReplyBytes);
        Assert.Equal(1, forward.Forwarder.ActiveUdpSessions);
    }

    [Fact]
    public async Task Should_log_a_UDP_session_when_it_opens_not_only_when_it_expires()
    {
        // Given a UDP echo server behind a forwarder whose sessions expire after the default 2 minutes
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp);
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Udp);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, forward.Port));
        var local = (IPEndPoint)socket.LocalEndPoint!;

        // When a client sends one datagram and gets its echo
        await socket.SendAsync("hello"u8.ToArray(), SocketFlags.None);
        await socket.ReceiveAsync(new byte[16], SocketFlags.None).WaitAsync(Waits.Long);

        // Then the session's opening is logged already, naming the client, the forwarder and the target
        var opened = $"609 forward/udp 127.0.0.1:{local.Port} -> 127.0.0.1:{forward.Port} -> 127.0.0.1:{echo.Port}: session opened";
        await forward.WaitUntilAsync(() => forward.Log.Messages.Any(m => m.StartsWith(opened, StringComparison.Ordinal)));
        Assert.Equal(1, forward.Forwarder.ActiveUdpSessions);
    }

    [Fact]
    public async Task Should_give_each_of_several_UDP_clients_only_its_own_replies()
    {
        // Given a UDP echo server (no rate limit: every datagram here comes from 127.0.0.1) behind a forwarder
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp, o => o with { Udp = o.Udp with { RateLimitPerSecond = 0 } });
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Udp);

        // When 5 clients each send 20 datagrams at once, every datagram naming its client
        var clients = Enumerable.Range(0, 5).Select(async c =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, forward.Port));
            var replies = new List<string>();
            var buffer = new byte[1024];
            for (var i = 0; i < 20; i++)
            {
                await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes($"client {c} datagram {i}"), SocketFlags.None);
                var count = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Waits.Long);
                replies.Add(System.Text.Encoding.ASCII.GetString(buffer, 0, count));
            }

            return (c, replies);
        }).ToList();
        var results = await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(30));

        // Then each client got back exactly its own datagrams, in order, through its own session
        Assert.All(results, r => Assert.Equal(Enumerable.Range(0, 20).Select(i => $"client {r.c} datagram {i}"), r.replies));
        Assert.Equal(5, forward.Forwarder.ActiveUdpSessions);
    }

    [Fact]
    public async Task Should_carry_an_empty_datagram_and_a_large_one_unchanged()
    {
        // Given a UDP echo server behind a forwarder
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp);
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Udp);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, forward.Port));
        var buffer = new byte[70_000];

        // When it sends an empty datagram, then the largest IPv4 allows
        await socket.SendAsync(Array.Empty<byte>(), SocketFlags.None);
        var empty = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Waits.Long);
        var large = Payloads.Random(7, 65_507);
        await socket.SendAsync(large, SocketFlags.None);
        var count = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Waits.Long);

        // Then both come back as sent
        Assert.Equal(0, empty);
        Assert.Equal(large, buffer[..count]);
    }

    [Fact]
    public async Task Should_forget_a_session_after_the_udp_timeout_and_open_a_new_one_when_the_client_returns()
    {
        // Given a UDP echo server behind a forwarder with a short UDP timeout
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp);
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Udp, o => o with { UdpTimeout = TimeSpan.FromMilliseconds(1500) });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, forward.Port));
        var buffer = new byte[100];

        // When the client exchanges one datagram and falls silent
        await socket.SendAsync("one"u8.ToArray(), SocketFlags.None);
        await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Waits.Long);
        var expired = await forward.WaitForEndAsync(s => s.Protocol == TransportProtocol.Udp);

        // Then the session expires with its counts, and is gone from the table
        Assert.Equal((RelayEnd.IdleTimeout, 1L, 1L, 3L, 3L), (expired.End, expired.DatagramsToTarget, expired.DatagramsToClient, expired.BytesToTarget, expired.BytesToClient));
        Assert.Equal(((IPEndPoint)socket.LocalEndPoint!).Port, expired.Client.Port);
        Assert.Equal(0, forward.Forwarder.ActiveUdpSessions);
        Assert.Contains(forward.Log.Messages, m => m.Contains("1 datagram to target", StringComparison.Ordinal) && m.Contains("expired after 1.5 s of silence", StringComparison.Ordinal));

        // and when it comes back, a new session carries it
        await socket.SendAsync("two"u8.ToArray(), SocketFlags.None);
        var count = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Waits.Long);
        Assert.Equal("two", System.Text.Encoding.ASCII.GetString(buffer, 0, count));
    }

    [LinuxFact]
    public async Task Should_bound_the_sessions_of_one_address_and_still_open_one_for_another()
    {
        // Given a forwarder that allows 3 UDP sessions per address, loopback counted (127.0.0.2 and .3 are two hosts here;
        // Linux routes all of 127/8 to lo)
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp);
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Udp, o => o with { MaxConnectionsPerAddress = 3, LimitLoopback = true });
        var target = new IPEndPoint(IPAddress.Loopback, forward.Port);

        // When one host sends from 10 source ports, then another host sends once
        var greedy = Enumerable.Range(0, 10).Select(_ => BoundUdp("127.0.0.2")).ToList();
        using var other = BoundUdp("127.0.0.3");
        try
        {
            foreach (var socket in greedy)
            {
                await socket.SendToAsync("x"u8.ToArray(), target);
            }

            await forward.WaitUntilAsync(() => forward.Log.Messages.Any(m => m.StartsWith("611 ", StringComparison.Ordinal)) && forward.Forwarder.ActiveUdpSessions == 3);
            await other.SendToAsync("other"u8.ToArray(), target);
            var buffer = new byte[16];
            var got = await other.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Waits.Long);

            // Then 3 sessions were opened for the first host and the drops logged once; the other host was served
            Assert.Equal("other", Encoding.ASCII.GetString(buffer, 0, got));
            Assert.Equal(4, forward.Forwarder.ActiveUdpSessions);
            Assert.Equal(2, forward.Forwarder.UdpSessionAddresses);
            Assert.Single(forward.Log.Messages, m => m.StartsWith("611 forward/udp 127.0.0.2:", StringComparison.Ordinal) && m.Contains("3 UDP sessions already open from this address (--max-per-address)", StringComparison.Ordinal));
        }
        finally
        {
            greedy.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Should_forget_a_session_the_target_never_answered_after_the_short_timeout()
    {
        // Given a target that reads nothing and answers nothing, behind a forwarder with a long UDP timeout and a short one
        // for sessions never answered
        using var silent = BoundUdp("127.0.0.1");
        var silentPort = ((IPEndPoint)silent.LocalEndPoint!).Port;
        await using var forward = RunningForwarder.Start(silentPort, ProtocolSelection.Udp, o => o with { UdpTimeout = TimeSpan.FromMinutes(2), UnansweredUdpTimeout = TimeSpan.FromMilliseconds(400) });
        using var client = BoundUdp("127.0.0.1");
        var started = System.Diagnostics.Stopwatch.StartNew();

        // When a client sends one datagram
        await client.SendToAsync("hello?"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, forward.Port));
        var ended = await forward.WaitForEndAsync(s => s.Protocol == TransportProtocol.Udp);

        // Then the session ends as never answered, after the short timeout and long before the 2 minutes, and says so
        Assert.Equal((RelayEnd.Unanswered, 1L, 0L), (ended.End, ended.DatagramsToTarget, ended.DatagramsToClient));
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(60));
        Assert.Equal(0, forward.Forwarder.ActiveUdpSessions);
        Assert.True(
            forward.Log.Messages.Any(m => m.Contains($"never answered by 127.0.0.1:{silentPort}/udp: expired after 0.4 s of silence", StringComparison.Ordinal)),
            string.Join('\n', forward.Log.Messages));
    }

    [Fact]
    public async Task Should_drop_datagrams_of_clients_outside_allow_and_log_the_address_once()
    {
        // Given a UDP echo server behind a forwarder that allows only 192.168.0.0/16
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp);
        Assert.True(AllowList.TryParse(["192.168.0.0/16"], out var allow, out _));
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Udp, o => o with { Allow = allow });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, forward.Port));

        // When a client on 127.0.0.1 sends three datagrams
        for (var i = 0; i < 3; i++)
        {
            await socket.SendAsync("x"u8.ToArray(), SocketFlags.None);
        }

        await forward.WaitUntilAsync(() => forward.Refused.Count == 3 && forward.Log.Messages.Any(m => m.StartsWith("602 ", StringComparison.Ordinal)));

        // Then all three were dropped before any session, the server saw none, and the address was logged once
        Assert.All(forward.Refused, r => Assert.Equal(TransportProtocol.Udp, r.Protocol));
        Assert.Equal(0, forward.Forwarder.ActiveUdpSessions);
        Assert.Single(forward.Log.Messages, m => m.StartsWith("602 forward/udp 127.0.0.1: refused", StringComparison.Ordinal));
        await echo.StopAsync();
        Assert.Equal(0, echo.Host.Stats.UdpDatagrams);
    }

    [Fact]
    public async Task Should_bound_the_session_table_and_drop_new_clients_past_it()
    {
        // Given a forwarder that remembers at most one UDP client
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp);
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Udp, o => o with { MaxUdpSessions = 1 });
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        first.Connect(new IPEndPoint(IPAddress.Loopback, forward.Port));
        await first.SendAsync("a"u8.ToArray(), SocketFlags.None);
        await first.ReceiveAsync(new byte[10], SocketFlags.None).WaitAsync(Waits.Long);

        // When a second client sends
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        second.Connect(new IPEndPoint(IPAddress.Loopback, forward.Port));
        await second.SendAsync("b"u8.ToArray(), SocketFlags.None);
        await forward.WaitUntilAsync(() => forward.Log.Messages.Any(m => m.StartsWith("604 ", StringComparison.Ordinal)));

        // Then it was dropped and the table holds one session
        Assert.Equal(1, forward.Forwarder.ActiveUdpSessions);
    }
    [Fact]
    public async Task Should_have_written_the_line_of_every_session_it_closes_when_RunAsync_returns()
    {
        // Given a forwarder with a UDP session open (what `netprog forward` prints at Ctrl+C, before the process exits)
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp);
        Assert.True(PortMapping.TryCreate(new PortRange(0, 0), new PortRange(echo.Port, echo.Port), out var mapping, out _));
        var log = new RecordingLogger();
        var ended = new List<RelaySummary>();
        await using var forwarder = Forwarder.Bind(
            new ForwardOptions { ListenAddresses = [IPAddress.Loopback], Ports = mapping, Target = IPAddress.Loopback, Protocols = ProtocolSelection.Udp }, log);
        forwarder.RelayEnded = summary =>
        {
            lock (ended)
            {
                ended.Add(summary);
            }
        };
        using var stopping = new CancellationTokenSource();
        var run = forwarder.RunAsync(stopping.Token);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Connect(new IPEndPoint(IPAddress.Loopback, forwarder.Listening[0].EndPoint.Port));
        await client.SendAsync("a"u8.ToArray(), SocketFlags.None);
        await client.ReceiveAsync(new byte[10], SocketFlags.None).WaitAsync(Waits.Long);

        // When it stops
        await stopping.CancelAsync();
        await run.WaitAsync(Waits.Long);

        // Then the session's line and callback are already out: nothing is left to a thread that the exit would cut short
        lock (ended)
        {
            Assert.Equal(RelayEnd.Stopped, Assert.Single(ended).End);
        }

        Assert.Single(log.Messages, m => m.Contains("forward/udp", StringComparison.Ordinal) && m.Contains("forwarder stopped", StringComparison.Ordinal));
    }

    private static Socket BoundUdp(string address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return socket;
    }
}
