namespace NetProg.Reliability.Tests;

/// <summary>
/// Slow clients (docs/RELIABILITY.md, "Under attack"): connections that trickle a byte at a time (slowloris) or send
/// and never read. The course's iterative C server serves one client at a time, so one such client stops everyone;
/// netprog must keep serving the others at their usual speed, cut the silent ones at the idle timeout, and hold only
/// its configured buffers for them.
/// </summary>
public sealed partial class SlowClientTests
{
    private const int Tricklers = 250;
    private const int NonReaders = 250;

    // Per connection the server holds at most 64 KiB received-not-echoed and 64 KiB echoed-not-sent (docs/RELIABILITY.md).
    private const long BuffersPerConnection = 128 * 1024;

    [LinuxFact]
    public async Task Should_serve_20_clients_at_their_usual_speed_while_500_slow_clients_hang_on_and_cut_the_silent_ones_at_the_idle_timeout()
    {
        using var server = await NetProgApp.StartServerAsync(
            "echo-server", "--port", "0", "--bind", "127.0.0.1", "--idle-timeout", "5s", "--max-connections", "2000");
        var port = server.Port;
        var pid = server.Process.Id;

        // Unloaded: after a warm-up (JIT, pool threads), 20 clients × 100 round trips of 64 bytes.
        await EchoTraffic.RoundTripsAsync(port, 20, 20);
        var unloaded = EchoTraffic.Percentile(await EchoTraffic.RoundTripsAsync(port, 20, 50), 99);
        var rssBefore = ProcessGauge.ResidentBytes(pid);

        var tricklers = await Task.WhenAll(Enumerable.Range(0, Tricklers).Select(_ => EchoTraffic.ConnectAsync(port)));
        var nonReaders = await Task.WhenAll(Enumerable.Range(0, NonReaders).Select(async _ =>
        {
            // Fixed socket buffers (setting them turns off Linux's autotuning) keep what it takes to fill a connection to
            // about half a MiB, still more than the server's own 128 KiB of buffers: with autotuning it is megabytes, and a
            // gigabyte of loopback copying would load the machine more than the attack does.
            var socket = await EchoTraffic.ConnectAsync(port);
            socket.ReceiveBufferSize = 16 * 1024;
            socket.SendBufferSize = 128 * 1024;
            return socket;
        }));
        using var stop = new CancellationTokenSource();
        try
        {
            // Slowloris: one byte per connection every second, never reading the echo; well inside the 5 s idle timeout.
            var trickle = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    foreach (var socket in tricklers)
                    {
                        try
                        {
                            socket.Send("x"u8);
                        }
                        catch (SocketException)
                        {
                            // Cut by the server: counted below by IsOpen.
                        }
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            });

            // Never read: push as much as the sockets take without blocking, then go silent. The server must stop reading
            // them (its echo has nowhere to go) instead of buffering without bound.
            var pushed = nonReaders.Sum(FillWithoutReading);

            // What was pushed before the buffers filled is a bulk transfer the server still has to move; measure the others
            // once that is done and the non-readers are merely stuck, which is the attack.
            var quiet = await ProcessGauge.QuietAsync(pid, TimeSpan.FromSeconds(30));
            var loadedTimes = await EchoTraffic.RoundTripsAsync(port, 20, 100);
            var loaded = EchoTraffic.Percentile(loadedTimes, 99);
            var rssLoaded = ProcessGauge.ResidentBytes(pid);

            // The silent non-readers are closed at the idle timeout (no byte either way); the tricklers are not.
            var idleClosed = await server.Process.WaitForStderrLinesAsync(IdleTimeoutLine(), NonReaders, TimeSpan.FromSeconds(30));
            var tricklersAlive = tricklers.Count(s => IsOpen(s));
            await stop.CancelAsync();
            await trickle;

            var allowedP99 = (2 * unloaded) + 10;
            var rssGrowth = rssLoaded - rssBefore;
            var rssBound = (Tricklers + NonReaders) * BuffersPerConnection;
            var measured = string.Create(
                CultureInfo.InvariantCulture,
                $"p99 round trip {unloaded:0.00} ms unloaded, {loaded:0.00} ms loaded (p50 {EchoTraffic.Percentile(loadedTimes, 50):0.00} p90 {EchoTraffic.Percentile(loadedTimes, 90):0.00} max {loadedTimes.Max():0.00}); RSS +{ProcessGauge.Megabytes(rssGrowth)} (bound {ProcessGauge.Megabytes(rssBound)}); {ProcessGauge.Megabytes(pushed)} pushed by non-readers; {idleClosed.Count} closed at the idle timeout, {tricklersAlive}/{Tricklers} tricklers still served");
            var held = quiet && loaded <= allowedP99 && rssGrowth <= rssBound && tricklersAlive == Tricklers;
            ReliabilityReport.Row("slow clients (echo/tcp)", $"{Tricklers} slowloris + {NonReaders} never reading, 20 × 100 round trips of 64 B", measured, held);

            // p99 no worse than twice the unloaded one, plus 10 ms: on a 2-core machine shared with the other test projects
            // a p99 carries that much scheduler noise either way. A server starved by its slow clients is off by far more
            // (the thread pool's starvation shows as steps of 500 ms).
            Assert.True(quiet, "the server was still busy 30 s after the non-readers stopped sending: " + measured);
            Assert.True(loaded <= allowedP99, measured);
            Assert.True(rssGrowth <= rssBound, measured);
            Assert.Equal(Tricklers, tricklersAlive);
            Assert.Equal(NonReaders, server.Process.StderrLines.Count(IdleTimeoutLine().IsMatch));
        }
        finally
        {
            foreach (var socket in tricklers.Concat(nonReaders))
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Sends until the socket would block (both sides' buffers full); returns the bytes sent.</summary>
    private static long FillWithoutReading(Socket socket)
    {
        var chunk = new byte[64 * 1024];
        long sent = 0;
        socket.Blocking = false;
        try
        {
            while (sent < 16 * 1024 * 1024)
            {
                sent += socket.Send(chunk);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
        {
            // Full: the server has stopped reading this connection.
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Already cut at the idle timeout (a loaded machine took that long to get here): counted with the others.
        }

        return sent;
    }

    /// <summary>A connection the server has not closed: sending a byte neither fails nor finds a reset.</summary>
    private static bool IsOpen(Socket socket)
    {
        try
        {
            // Take the echoes this client never read, then: readable with nothing to read means the server sent FIN; a
            // reset throws.
            var drain = new byte[4096];
            while (socket.Available > 0)
            {
                socket.Receive(drain);
            }

            socket.Send("y"u8);
            return !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\(closed: idle timeout\)")]
    private static partial Regex IdleTimeoutLine();
}
