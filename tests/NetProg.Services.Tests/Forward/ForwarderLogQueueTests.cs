using NetProg.Protocols.Forwarding;
using NetProg.Services.Forward;
using NetProg.Services.Hosting;
using NetProg.Transport;

namespace NetProg.Services.Tests.Forward;

/// <summary>
/// The forwarder's log lines wait for stderr in a bounded queue: a stderr that does not keep up (a paused terminal, a pipe
/// nobody reads) under a flood of turned-away connections must not grow memory without end, and no line may be lost.
/// </summary>
public sealed class ForwarderLogQueueTests
{
    [LinuxFact]
    public async Task Should_hold_at_most_its_capacity_of_log_lines_and_lose_none_When_stderr_does_not_keep_up()
    {
        // Given a forwarder whose log queue holds 4 lines, one connection per address (loopback counted), and a log that
        // stops at its first "turned away" line until released, as a stuck stderr would
        await using var echo = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        using var released = new ManualResetEventSlim();
        var stuck = 0;
        RecordingLogger? log = null;
        log = new RecordingLogger(() =>
        {
            if (!released.IsSet && log!.Messages.Any(m => m.StartsWith("610 ", StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref stuck);
                released.Wait(Waits.Long);
            }
        });
        Assert.True(PortMapping.TryCreate(new PortRange(0, 0), new PortRange(echo.Port, echo.Port), out var mapping, out _));
        var options = new ForwardOptions
        {
            ListenAddresses = [IPAddress.Loopback], Ports = mapping, Target = IPAddress.Loopback, Protocols = ProtocolSelection.Tcp,
            MaxConnectionsPerAddress = 1, LimitLoopback = true, LogQueueCapacity = 4,
        };
        await using var forwarder = Forwarder.Bind(options, log);
        using var stopping = new CancellationTokenSource();
        var run = forwarder.RunAsync(stopping.Token);
        var target = new IPEndPoint(IPAddress.Loopback, forwarder.Listening[0].EndPoint.Port);
        using var held = await Loopback.ConnectAsync(target);
        Assert.Equal("held"u8.ToArray(), await Loopback.RoundTripAsync(held, "held"u8.ToArray()));
        var flood = new List<Socket>();
        try
        {
            // When 40 more connections from that address are turned away
            for (var i = 0; i < 40; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                flood.Add(socket);
                try
                {
                    await socket.ConnectAsync(target).WaitAsync(Waits.Long);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // Turned away before connect() itself had completed: the RST can win on loopback.
                }
            }

            // Then, stuck, the queue fills to its capacity and the next line is written by the code that has it (it waits
            // too, instead of queueing without end)
            await Waits.UntilAsync(() => Volatile.Read(ref stuck) >= 2, Waits.Long, "a second writer waiting on the stuck log");
            Assert.InRange(forwarder.PendingLogWrites, 0, 4);

            // And once stderr moves again every line comes out
            released.Set();
            await Waits.UntilAsync(() => log.Messages.Count(m => m.StartsWith("610 ", StringComparison.Ordinal)) == 40, Waits.Long, "40 turned-away lines");
        }
        finally
        {
            released.Set();
            flood.ForEach(s => s.Dispose());
            held.Dispose();
            await stopping.CancelAsync();
            await run.WaitAsync(Waits.Long);
        }
    }
}
