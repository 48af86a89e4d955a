using NetProg.Integration.Tests.Login;

namespace NetProg.Reliability.Tests;

/// <summary>
/// Big and endless input (docs/RELIABILITY.md, "Under attack"): 100 MiB sent to the echo server by a client that does
/// not read, and a 10 MiB line with no newline to the login server. Memory must stay within the configured buffers,
/// other clients must not notice, and (echo) nothing may be lost once the big client reads.
/// </summary>
public sealed class BigInputTests
{
    private const int HundredMiB = 100 * 1024 * 1024;

    [LinuxFact]
    public async Task Should_hold_100_MiB_from_a_client_that_does_not_read_within_its_buffers_and_echo_every_byte_once_it_reads()
    {
        using var server = await NetProgApp.StartServerAsync("echo-server", "--port", "0", "--bind", "127.0.0.1", "--quiet");
        await UnreadAsync("big input (echo/tcp)", server.Port, server.Process.Id);
    }

    [LinuxFact]
    public async Task Should_relay_100_MiB_to_a_client_that_reads_only_later_within_the_forwarders_buffers_and_lose_nothing()
    {
        // The forwarder sits between a client that does not read and an echo server that keeps echoing: its two copy loops
        // must stop reading too (backpressure both ways), not queue what the client will not take.
        using var echo = await NetProgApp.StartServerAsync("echo-server", "--port", "0", "--bind", "127.0.0.1", "--quiet");
        using var forward = await ForwardProcess.StartAsync(echo.Port, "--quiet");
        await UnreadAsync("big input (forward to echo, tcp)", forward.Port, forward.Process.Id);
    }

    private static async Task UnreadAsync(string scenario, int port, int pid)
    {
        await EchoTraffic.RoundTripsAsync(port, 1, 10);
        var rssBefore = ProcessGauge.ResidentBytes(pid);

        using var big = await EchoTraffic.ConnectAsync(port);
        var payload = Payloads.Random(30000, HundredMiB);
        long sent = 0;
        var sending = Task.Run(async () =>
        {
            for (var offset = 0; offset < payload.Length; offset += 1 << 20)
            {
                await big.SendAsync(payload.AsMemory(offset, Math.Min(1 << 20, payload.Length - offset)), SocketFlags.None);
                Interlocked.Add(ref sent, Math.Min(1 << 20, payload.Length - offset));
            }

            big.Shutdown(SocketShutdown.Send);
        });

        // The sender stalls once the buffers are full: the server has stopped reading. Meanwhile others are served.
        var stalled = await StallsAsync(() => Interlocked.Read(ref sent), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var stalledAt = Interlocked.Read(ref sent);
        var rssStalled = ProcessGauge.ResidentBytes(pid);
        var others = await EchoTraffic.RoundTripsAsync(port, 10, 20);

        // Now the big client reads: every byte comes back, in order.
        var echo = new byte[HundredMiB];
        await EchoTraffic.ReceiveExactlyAsync(big, echo, TimeSpan.FromSeconds(60));
        await sending;
        var rssGrowth = rssStalled - rssBefore;
        var exact = echo.AsSpan().SequenceEqual(payload);

        var measured = string.Create(
            CultureInfo.InvariantCulture,
            $"sender stalled after {ProcessGauge.Megabytes(stalledAt)}; RSS +{ProcessGauge.Megabytes(rssGrowth)} while stalled; {others.Length} round trips of others meanwhile (p99 {EchoTraffic.Percentile(others, 99):0.00} ms); {(exact ? "all 100 MiB echoed exactly" : "ECHO DIFFERS")}");
        var held = stalled && stalledAt < HundredMiB && rssGrowth < 32 * 1024 * 1024 && exact;
        ReliabilityReport.Row(scenario, "100 MiB from a client that reads only later", measured, held);

        Assert.True(stalled && stalledAt < HundredMiB, "the server never stopped reading: " + measured);
        // 64 KiB + 64 KiB of buffers for this connection; the rest is the kernel's (socket buffers), not the process's.
        Assert.True(rssGrowth < 32 * 1024 * 1024, measured);
        Assert.True(exact, measured);
    }

    [LinuxFact]
    public async Task Should_answer_a_10_MiB_line_without_newline_with_500_and_close_while_another_client_logs_in()
    {
        using var folder = new TempFolder();
        var db = folder.File("accounts.db");
        using var server = await LoginCli.StartServerWithUserAsync(folder, db, ("alice", "s3cret pass"));
        var pid = server.Process.Id;
        await LoginWire.LogInAndEchoAsync(server.Port, "alice", "s3cret pass");
        var rssBefore = ProcessGauge.ResidentBytes(pid);

        using var endless = await EchoTraffic.ConnectAsync(server.Port);
        var banner = await LoginWire.ReadLineAsync(endless);
        Assert.StartsWith("220 ", banner, StringComparison.Ordinal);

        // 10 MiB of 'a' and no LF. The server answers after 4,097 bytes and closes; the rest of our send meets a reset.
        var line = new byte[10 * 1024 * 1024];
        line.AsSpan().Fill((byte)'a');
        var sending = Task.Run(async () =>
        {
            try
            {
                await endless.SendAsync(line, SocketFlags.None);
            }
            catch (SocketException)
            {
                // Reset by the server after its 500: expected.
            }
        });
        var reply = await LoginWire.ReadLineAsync(endless);
        var closed = await LoginWire.ReadsEndAsync(endless);
        await sending;
        var rssGrowth = ProcessGauge.ResidentBytes(pid) - rssBefore;
        var otherEchoed = await LoginWire.LogInAndEchoAsync(server.Port, "alice", "s3cret pass");

        var measured = string.Create(
            CultureInfo.InvariantCulture, $"reply '{reply}', then {(closed ? "closed" : "NOT CLOSED")}; RSS +{ProcessGauge.Megabytes(rssGrowth)}; another client {(otherEchoed ? "logged in and echoed" : "FAILED")}");
        var held = reply == "500 line too long" && closed && rssGrowth < 16 * 1024 * 1024 && otherEchoed;
        ReliabilityReport.Row("endless line (login echo)", "10 MiB without a newline", measured, held);

        Assert.Equal("500 line too long", reply);
        Assert.True(closed, measured);
        Assert.True(rssGrowth < 16 * 1024 * 1024, measured);
        Assert.True(otherEchoed, measured);
    }

    /// <summary>True once <paramref name="progress"/> has not moved for <paramref name="still"/>; false if it keeps moving until the timeout.</summary>
    private static async Task<bool> StallsAsync(Func<long> progress, TimeSpan still, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = progress();
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            var now = progress();
            if (now != last)
            {
                (last, since) = (now, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - since >= still)
            {
                return true;
            }
        }

        return false;
    }
}
