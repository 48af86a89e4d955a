namespace NetProg.Reliability.Tests;

/// <summary>
/// A connection flood (docs/RELIABILITY.md, "Under attack"): far more connection attempts than
/// <c>--max-connections</c>, as fast as a client can make them. The excess must be turned away cleanly (RST at once, or
/// left in the kernel's backlog), every descriptor the server opened for them must be closed again, and the server must
/// serve normally afterwards.
/// </summary>
public sealed class FloodTests
{
    private const int Attempts = 10_000;
    private const int InFlight = 500;
    private const int MaxConnections = 100;

    [LinuxFact]
    public async Task Should_turn_away_the_excess_of_10000_connection_attempts_leak_no_descriptor_and_serve_normally_afterwards()
    {
        using var server = await NetProgApp.StartServerAsync(
            "echo-server", "--port", "0", "--bind", "127.0.0.1", "--max-connections", Text(MaxConnections), "--quiet");
        await FloodAsync("connection flood (echo/tcp)", server.Port, server.Process.Id);
    }

    [LinuxFact]
    public async Task Should_turn_away_the_excess_of_10000_connection_attempts_at_the_forwarder_and_leak_no_descriptor()
    {
        // The forwarder holds two sockets per relayed connection: its limit must bound both.
        using var echo = await NetProgApp.StartServerAsync("echo-server", "--port", "0", "--bind", "127.0.0.1", "--quiet", "--max-connections", "5000");
        using var forward = await ForwardProcess.StartAsync(echo.Port, "--max-connections", Text(MaxConnections), "--quiet");
        await FloodAsync("connection flood (forward, tcp)", forward.Port, forward.Process.Id, socketsPerConnection: 2);
    }

    /// <summary>The flood, its row and its assertions, against whatever listens on <paramref name="port"/> in process <paramref name="pid"/>.</summary>
    private static async Task FloodAsync(string scenario, int port, int pid, int socketsPerConnection = 1)
    {
        await EchoTraffic.RoundTripsAsync(port, 1, 10);
        var fdsBefore = ProcessGauge.OpenDescriptors(pid);

        // Up to 500 attempts in flight, each holding its connection until it knows its fate: echoed (served) or reset/closed
        // (turned away). Held connections keep the server at its limit for most of the flood.
        var served = 0;
        var turnedAway = 0;
        var failedToConnect = 0;
        var peakFds = 0;
        var connectErrors = new Dictionary<string, int>();
        using var slots = new SemaphoreSlim(InFlight);
        var attempts = Enumerable.Range(0, Attempts).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                Socket socket;
                try
                {
                    socket = await EchoTraffic.ConnectAsync(port);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // The server's RST can arrive before this side has seen its own connect() complete: turned away too.
                    Interlocked.Increment(ref turnedAway);
                    return;
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    Interlocked.Increment(ref failedToConnect);
                    lock (connectErrors)
                    {
                        var kind = e is SocketException s ? s.SocketErrorCode.ToString() : "timed out";
                        connectErrors[kind] = connectErrors.GetValueOrDefault(kind) + 1;
                    }

                    return;
                }

                using (socket)
                {
                    try
                    {
                        await socket.SendAsync("ping"u8.ToArray(), SocketFlags.None);
                        var echo = new byte[4];
                        await EchoTraffic.ReceiveExactlyAsync(socket, echo);
                        Interlocked.Increment(ref served);
                    }
                    catch (Exception e) when (e is SocketException or IOException)
                    {
                        Interlocked.Increment(ref turnedAway);
                    }
                }

                if (i % 100 == 0)
                {
                    InterlockedMax(ref peakFds, ProcessGauge.OpenDescriptors(pid));
                }
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(attempts);

        // Every descriptor opened for the flood is closed again once the clients are gone.
        var fdsSettled = await ProcessGauge.EventuallyAsync(() => ProcessGauge.OpenDescriptors(pid) <= fdsBefore, TimeSpan.FromSeconds(15));
        var fdsAfter = ProcessGauge.OpenDescriptors(pid);
        var after = await EchoTraffic.RoundTripsAsync(port, 20, 10);

        var measured = string.Create(
            CultureInfo.InvariantCulture,
            $"{served} served, {turnedAway} turned away, {failedToConnect} could not connect{(connectErrors.Count == 0 ? string.Empty : $" ({string.Join(", ", connectErrors.Select(e => $"{e.Value} {e.Key}"))})")}; descriptors {fdsBefore} before, peak {peakFds}, {fdsAfter} after; {after.Length} round trips afterwards");
        var held = served + turnedAway + failedToConnect == Attempts && served >= MaxConnections && fdsSettled && peakFds <= fdsBefore + (socketsPerConnection * MaxConnections) + 16;
        ReliabilityReport.Row(scenario, $"{Attempts:N0} attempts, {InFlight} in flight, --max-connections {MaxConnections}", measured, held);

        Assert.Equal(Attempts, served + turnedAway + failedToConnect);
        Assert.True(served >= MaxConnections, measured);
        Assert.True(turnedAway > 0, "the flood never went past the limit: " + measured);
        // The server holds at most its limit of connections (plus a few being accepted and reset) at any time.
        Assert.True(peakFds <= fdsBefore + (socketsPerConnection * MaxConnections) + 16, measured);
        Assert.True(fdsSettled, measured);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
