using NetProg.Protocols.Time;
using NetProg.Services.Clients;
using NetProg.Services.Forward;
using NetProg.Services.Hosting;
using NetProg.Transport;

namespace NetProg.Services.Tests.Forward;

/// <summary>TCP through <see cref="Forwarder"/> on loopback, against the real time and echo services (docs/FORWARD.md).</summary>
public sealed class ForwarderTcpTests
{
    [Fact]
    public async Task Should_relay_a_megabyte_through_echo_byte_for_byte_and_log_it()
    {
        // Given an echo server and a forwarder in front of it
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Tcp);
        var payload = Payloads.Random(6, 1024 * 1024);

        // When a client sends 1 MiB through the forwarder and half-closes
        using var client = await Loopback.ConnectAsync(forward.Port);
        var reading = Peer.ReadToEndAsync(client);
        await Loopback.SendAllAsync(client, payload).WaitAsync(Waits.Long);
        client.Shutdown(SocketShutdown.Send);
        var echoed = await reading;

        // Then the same bytes come back, and the connection's line counts them both ways
        Assert.Equal(payload, echoed);
        var summary = await forward.WaitForEndAsync(s => s.Protocol == TransportProtocol.Tcp);
        Assert.Equal((payload.Length, payload.Length, RelayEnd.Closed), (summary.BytesToTarget, summary.BytesToClient, summary.End));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, echo.Port), summary.Target);
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, summary.Client.Port);
        Assert.Contains(forward.Log.Messages, m => m.StartsWith("601 forward/tcp 127.0.0.1:", StringComparison.Ordinal)
            && m.Contains($"-> 127.0.0.1:{forward.Port} -> 127.0.0.1:{echo.Port}: 1048576 B to target, 1048576 B to client", StringComparison.Ordinal)
            && m.Contains("closed by both sides", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_pass_the_time_through_unchanged()
    {
        // Given a time server with a fixed clock, and a forwarder in front of it
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 24, 10, 52, 49, TimeSpan.Zero), FixedClock.PlusNine);
        await using var time = RunningHost.Start(ServiceCatalog.Time(TimeFormat.Ctime, appendNul: true, clock), ProtocolSelection.Tcp);
        await using var forward = RunningForwarder.Start(time.Port, ProtocolSelection.Tcp);

        // When the time client asks through the forwarder
        var result = await TimeClient.QueryAsync("127.0.0.1", forward.Port, udp: false, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then it gets the server's reply, NUL included, byte for byte
        Assert.Equal("Tue Nov 24 19:52:49 2026", result.Reply.Text);
        Assert.Equal(26, result.ReplyBytes);
        Assert.Equal(forward.Port, result.Server.Port);
    }

    [Fact]
    public async Task Should_serve_100_clients_at_once_each_getting_its_own_bytes_back()
    {
        // Given an echo server behind a forwarder
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Tcp);

        // When 100 clients connect at once and each sends its own 20 KB
        var clients = Enumerable.Range(0, 100).Select(async i =>
        {
            var payload = Payloads.Random(i, 20_000);
            using var client = await Loopback.ConnectAsync(forward.Port);
            var reading = Peer.ReadToEndAsync(client);
            await Loopback.SendAllAsync(client, payload).WaitAsync(Waits.Long);
            client.Shutdown(SocketShutdown.Send);
            return (payload, echoed: await reading);
        }).ToList();
        var results = await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(30));

        // Then every client got exactly its own bytes
        Assert.All(results, r => Assert.Equal(r.payload, r.echoed));
        await forward.WaitUntilAsync(() => forward.Log.Messages.Count(m => m.StartsWith("601 ", StringComparison.Ordinal)) == 100);
        Assert.Equal(0, forward.Forwarder.ActiveConnections);
    }

    [Fact]
    public async Task Should_pass_a_half_close_from_the_target_on_and_keep_carrying_the_client_s_bytes()
    {
        // Given a target that sends a greeting, half-closes (FIN), and then reads what the client still sends
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var targetSide = Task.Run(async () =>
        {
            using var socket = await target.AcceptSocketAsync();
            await Loopback.SendAllAsync(socket, "hello\n"u8.ToArray()).WaitAsync(Waits.Long);
            socket.Shutdown(SocketShutdown.Send);
            return await Peer.ReadToEndAsync(socket);
        });
        await using var forward = RunningForwarder.Start(((IPEndPoint)target.LocalEndpoint).Port, ProtocolSelection.Tcp);

        // When the client reads to the target's FIN, then sends its own bytes and closes
        using var client = await Loopback.ConnectAsync(forward.Port);
        var greeting = await Peer.ReadToEndAsync(client);
        await Loopback.SendAllAsync(client, "sent after your FIN\n"u8.ToArray()).WaitAsync(Waits.Long);
        client.Shutdown(SocketShutdown.Send);

        // Then the client saw the greeting then end-of-stream, and the target still received everything sent after it
        Assert.Equal("hello\n", Encoding.ASCII.GetString(greeting));
        Assert.Equal("sent after your FIN\n", Encoding.ASCII.GetString(await targetSide.WaitAsync(Waits.Long)));
        var summary = await forward.WaitForEndAsync(_ => true);
        Assert.Equal((20, 6, RelayEnd.Closed), (summary.BytesToTarget, summary.BytesToClient, summary.End));
    }

    [Fact]
    public async Task Should_pass_a_half_close_from_the_client_on_and_keep_carrying_the_target_s_reply()
    {
        // Given a target that answers only once the client's request has ended (FIN), as a request/response over half-close does
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var targetSide = Task.Run(async () =>
        {
            using var socket = await target.AcceptSocketAsync();
            var request = await Peer.ReadToEndAsync(socket);
            await Loopback.SendAllAsync(socket, Encoding.ASCII.GetBytes($"got {request.Length} bytes\n")).WaitAsync(Waits.Long);
            socket.Shutdown(SocketShutdown.Send);
        });
        await using var forward = RunningForwarder.Start(((IPEndPoint)target.LocalEndpoint).Port, ProtocolSelection.Tcp);

        // When the client sends, half-closes, and only then reads
        using var client = await Loopback.ConnectAsync(forward.Port);
        await Loopback.SendAllAsync(client, new byte[3000]).WaitAsync(Waits.Long);
        client.Shutdown(SocketShutdown.Send);
        var reply = await Peer.ReadToEndAsync(client);

        // Then the target saw the end of the request and its reply came back after it
        Assert.Equal("got 3000 bytes\n", Encoding.ASCII.GetString(reply));
        await targetSide.WaitAsync(Waits.Long);
    }

    [Fact]
    public async Task Should_reset_the_client_and_say_the_target_refused_when_nothing_listens_there()
    {
        // Given a forwarder to a port where nothing listens
        var closedPort = FreePort.Tcp();
        await using var forward = RunningForwarder.Start(closedPort, ProtocolSelection.Tcp);

        // When a client connects, then it is reset (not a clean, empty close that would look like success)
        Assert.True(await Peer.IsResetAsync(forward.Port));

        // and the line names the refusal
        var summary = await forward.WaitForEndAsync(_ => true);
        Assert.Equal(RelayEnd.TargetRefused, summary.End);
        Assert.Contains(forward.Log.Messages, m => m.Contains($"target refused: nothing listens on 127.0.0.1:{closedPort}/tcp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_refuse_clients_outside_allow_at_once_and_log_each_address_once()
    {
        // Given an echo server behind a forwarder that allows only 10.0.0.0/8
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        Assert.True(NetProg.Protocols.Forwarding.AllowList.TryParse(["10.0.0.0/8"], out var allow, out _));
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Tcp, o => o with { Allow = allow });

        // When a client from 127.0.0.1 connects three times
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await Peer.IsResetAsync(forward.Port));
        }

        // Then each was turned away, the echo server never saw one, and the refusal was logged once
        Assert.Equal(3, forward.Refused.Count);
        await forward.WaitUntilAsync(() => forward.Log.Messages.Any(m => m.StartsWith("602 ", StringComparison.Ordinal)));
        Assert.Single(forward.Log.Messages, m => m.StartsWith("602 forward/tcp 127.0.0.1: refused, not in --allow 10.0.0.0/8", StringComparison.Ordinal));
        await echo.StopAsync();
        Assert.Equal(0, echo.Host.Stats.TcpClients);
    }

    [Fact]
    public async Task Should_reset_both_sides_of_a_connection_idle_for_the_idle_timeout()
    {
        // Given an echo server behind a forwarder with a short idle timeout
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Tcp, o => o with { IdleTimeout = TimeSpan.FromSeconds(1) });

        // When a client connects, exchanges a line and then says nothing
        using var client = await Loopback.ConnectAsync(forward.Port);
        await Loopback.SendAllAsync(client, "hi\n"u8.ToArray()).WaitAsync(Waits.Long);

        // Then the forwarder resets it and says why
        Assert.True(await Peer.EndsWithResetAsync(client));
        var summary = await forward.WaitForEndAsync(_ => true);
        Assert.Equal(RelayEnd.IdleTimeout, summary.End);
        Assert.Equal(3, summary.BytesToClient);
    }

    [Fact]
    public async Task Should_turn_away_connections_past_max_connections()
    {
        // Given an echo server behind a forwarder that relays one connection at a time
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        await using var forward = RunningForwarder.Start(echo.Port, ProtocolSelection.Tcp, o => o with { MaxConnections = 1 });
        using var first = await Loopback.ConnectAsync(forward.Port);
        await Loopback.SendAllAsync(first, "a"u8.ToArray()).WaitAsync(Waits.Long);
        Assert.Equal(1, await first.ReceiveAsync(new byte[1], SocketFlags.None).WaitAsync(Waits.Long));

        // When a second client connects while the first is open, then it is reset and logged, and the first carries on
        Assert.True(await Peer.IsResetAsync(forward.Port));
        await forward.WaitUntilAsync(() => forward.Log.Messages.Any(m => m.StartsWith("603 ", StringComparison.Ordinal)));
        await Loopback.SendAllAsync(first, "b"u8.ToArray()).WaitAsync(Waits.Long);
        Assert.Equal(1, await first.ReceiveAsync(new byte[1], SocketFlags.None).WaitAsync(Waits.Long));
    }
}
