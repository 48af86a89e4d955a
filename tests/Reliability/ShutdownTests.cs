using System.Diagnostics;

namespace NetProg.Reliability.Tests;

/// <summary>
/// Shutdown under load and restarts (docs/RELIABILITY.md, "Under attack"): SIGTERM while 1,000 clients are echoing. The
/// server stops reading, echoes every byte it had received, closes each connection and exits 0 within its drain timeout
/// (5 s, docs/RELIABILITY.md). Then a new server binds the same port at once, while the old connections sit in
/// TIME_WAIT.
/// </summary>
public sealed partial class ShutdownTests
{
    private const int Clients = 1000;

    [LinuxFact]
    public async Task Should_echo_every_received_byte_to_1000_active_clients_and_exit_0_within_the_drain_timeout_on_SIGTERM_then_restart_on_the_same_port()
    {
        var server = await NetProgApp.StartServerAsync("echo-server", "--port", "0", "--bind", "127.0.0.1", "--max-connections", "2000");
        var port = server.Port;
        var sockets = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => EchoTraffic.ConnectAsync(port)));
        using var running = new CountdownEvent(Clients);
        var stopwatch = new Stopwatch();
        try
        {
            // Each client sends 64 bytes, reads them back, again and again, until the server closes.
            var clients = sockets.Select(socket => Task.Run(async () =>
            {
                var message = new byte[64];
                var echo = new byte[64];
                long received = 0;
                var corrupt = false;
                var signalled = false;
                try
                {
                    while (true)
                    {
                        BitConverter.TryWriteBytes(message, received);
                        await socket.SendAsync(message, SocketFlags.None);
                        var n = await ReadUpToAsync(socket, echo);
                        corrupt |= !echo.AsSpan(0, n).SequenceEqual(message.AsSpan(0, n));
                        received += n;
                        if (!signalled)
                        {
                            running.Signal();
                            signalled = true;
                        }

                        if (n < echo.Length)
                        {
                            break;
                        }
                    }
                }
                catch (SocketException)
                {
                    // Our send after the server's close meets a reset: the end, as long as what came back was whole.
                }

                return (Port: ((IPEndPoint)socket.LocalEndPoint!).Port, Received: received, Corrupt: corrupt);
            })).ToArray();

            // Every client has completed at least one round trip: all 1,000 are active. Then SIGTERM.
            Assert.True(running.Wait(TimeSpan.FromSeconds(60)), "not every client got its first echo");
            stopwatch.Start();
            await server.Process.SendSignalAsync(UnixSignal.Term);
            var exitCode = await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            stopwatch.Stop();
            var results = await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(30));

            // The server's line per connection says what it received and sent; both must match, and match the client.
            var logged = server.Process.StderrLines.Select(l => ServedLine().Match(l)).Where(m => m.Success).ToDictionary(
                m => int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture),
                m => (In: long.Parse(m.Groups["in"].Value, CultureInfo.InvariantCulture), Out: long.Parse(m.Groups["out"].Value, CultureInfo.InvariantCulture)));
            var unechoed = logged.Values.Count(v => v.In != v.Out);
            var lost = results.Count(r => !logged.TryGetValue(r.Port, out var v) || v.Out != r.Received);
            var corrupt = results.Count(r => r.Corrupt);

            // The port is free again at once: the old connections' TIME_WAIT does not hold up the new server (SO_REUSEADDR).
            using var restarted = await NetProgApp.StartServerAsync("echo-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--quiet");
            var served = await EchoTraffic.RoundTripsAsync(port, 10, 10);

            var measured = string.Create(
                CultureInfo.InvariantCulture,
                $"exit {exitCode} {stopwatch.Elapsed.TotalSeconds:0.00} s after SIGTERM; {logged.Count} connections logged, {unechoed} with bytes in ≠ bytes out, {lost} clients missing echoed bytes, {corrupt} corrupt; {ProcessGauge.Megabytes(results.Sum(r => r.Received))} echoed in all; restarted on port {port} at once and served {served.Length} round trips");
            var held = exitCode == 0 && stopwatch.Elapsed < TimeSpan.FromSeconds(10) && logged.Count == Clients && unechoed == 0 && lost == 0 && corrupt == 0;
            ReliabilityReport.Row("SIGTERM under load, then restart (echo/tcp)", $"{Clients:N0} clients in 64-byte ping-pong", measured, held);

            Assert.Equal(0, exitCode);
            // The drain timeout is 5 s; the rest is slack for a loaded machine.
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), measured);
            Assert.Equal(Clients, logged.Count);
            Assert.Equal(0, unechoed);
            Assert.Equal(0, lost);
            Assert.Equal(0, corrupt);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            server.Dispose();
        }
    }

    /// <summary>Fills <paramref name="buffer"/> unless the server closes first; returns how much came.</summary>
    private static async Task<int> ReadUpToAsync(Socket socket, byte[] buffer)
    {
        using var timeout = new CancellationTokenSource(EchoTraffic.Deadline);
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    [GeneratedRegex(@"echo/tcp 127\.0\.0\.1:(?<port>\d+): (?<in>\d+) B in, (?<out>\d+) B out")]
    private static partial Regex ServedLine();
}
