using System.Diagnostics;

namespace NetProg.Reliability.Tests;

/// <summary>
/// UDP abuse (docs/RELIABILITY.md, "Under attack"). An answering UDP service can be made to send to anyone, because the
/// source of a datagram is whatever the sender wrote: to another echo/chargen service (an endless loop, CVE-1999-0103)
/// or, flooded, at a victim. netprog's UDP servers answer no source port below 1024 (or 0), break a loop between two
/// services once the same datagram has come back for 5 s, and answer at most --rate-limit datagrams per second per far
/// address (loopback, private and on-link addresses are near: never limited; far sources are tested in
/// tests/Integration/Netns/UdpReflectionNetnsTests.cs). Every loopback address 127.0.0.0/8 reaches this machine on
/// Linux, so each attack gets its own source address.
/// </summary>
public sealed partial class UdpAbuseTests
{
    [LinuxFact(needsRoot: true)]
    public async Task Should_not_answer_datagrams_from_the_ports_of_reflecting_services_or_port_0()
    {
        using var server = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0", "--bind", "127.0.0.1");
        var target = new IPEndPoint(IPAddress.Loopback, server.Port);

        // echo, daytime, chargen, time, NTP: the classic reflectors, each from its own address so each drop is logged.
        int[] ports = [7, 13, 19, 37, 123];
        var sockets = new List<UdpClient>();
        try
        {
            for (var i = 0; i < ports.Length; i++)
            {
                var socket = new UdpClient(new IPEndPoint(IPAddress.Parse($"127.0.0.{10 + i}"), ports[i]));
                sockets.Add(socket);
                await socket.SendAsync("reflect me"u8.ToArray(), target);
            }

            RawUdp.Send(IPAddress.Parse("127.0.0.20"), 0, target, "from port 0"u8);

            var drops = await server.Process.WaitForStderrLinesAsync(DropLine(), ports.Length + 1, TimeSpan.FromSeconds(15));
            // The drop is logged once the server decided not to answer: nothing can arrive after it.
            var answered = sockets.Count(s => s.Available > 0);

            var measured = $"{drops.Count} of {ports.Length + 1} dropped and logged (source ports {string.Join(", ", ports)} and 0), {answered} answered";
            ReliabilityReport.Row("UDP reflection (echo/udp)", "datagrams from source ports 7, 13, 19, 37, 123 and 0", measured, answered == 0);
            Assert.Equal(0, answered);
            Assert.Contains(drops, m => m.Value.Contains("source port 0", StringComparison.Ordinal));
            Assert.Equal(ports.Length, drops.Count(m => m.Value.Contains("source port below 1024", StringComparison.Ordinal)));
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [LinuxFact]
    public async Task Should_answer_another_source_while_a_loopback_source_floods_and_limit_neither()
    {
        using var server = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0", "--bind", "127.0.0.1", "--quiet");
        var target = new IPEndPoint(IPAddress.Loopback, server.Port);
        using var flooder = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        using var other = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));

        // 5,000 datagrams as fast as the socket takes them, while another address asks 20 times (with the time client's
        // retry: a flood can overflow the server's receive buffer, and UDP gives no second chance by itself).
        var clock = Stopwatch.StartNew();
        var flooding = Task.Run(async () =>
        {
            for (var i = 0; i < 5000; i++)
            {
                await flooder.SendAsync(BitConverter.GetBytes(i), target);
            }
        });
        var otherAnswered = 0;
        for (var i = 0; i < 20; i++)
        {
            if (await AskAsync(other, target, BitConverter.GetBytes(1_000_000 + i)))
            {
                otherAnswered++;
            }
        }

        await flooding;
        var elapsed = clock.Elapsed;

        // Then the other address was answered every time, and the flooder, a near source (loopback), was never rate limited:
        // what it loses is lost in the sockets' buffers, not by a rule (the server logs every rule's drops, --quiet or not)
        var flooderStillAnswered = await AskAsync(flooder, target, BitConverter.GetBytes(-1)); // after it, every flood datagram was handled
        var limited = await LogsAsync(server, RateLimitedLine(), TimeSpan.FromSeconds(1));
        var measured = string.Create(
            CultureInfo.InvariantCulture,
            $"flooder (loopback, near): 5,000 sent in {elapsed.TotalSeconds:0.0} s, {(limited ? "RATE LIMITED" : "not rate limited")}; other address: {otherAnswered} of 20 answered");
        ReliabilityReport.Row("UDP flood (echo/udp)", "5,000 datagrams at full speed from one loopback address, 20 requests from another", measured, !limited && otherAnswered == 20 && flooderStillAnswered);
        Assert.False(limited, measured);
        Assert.True(flooderStillAnswered, measured);
        Assert.Equal(20, otherAnswered);
    }

    [LinuxFact(needsRoot: true)]
    public async Task Should_let_a_spoofed_loop_between_two_echo_servers_die_out()
    {
        // Two echo servers, and one datagram to A that claims to come from B: A echoes to B, B to A, ... as fast as a ping-pong
        // client, and from loopback, which no rate limit slows. But what comes back to each is exactly what it just sent: after
        // 5 s of that (ReflectionStreak) one of them does not answer, and the loop, which has that one datagram, ends.
        using var a = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0", "--bind", "127.0.0.1");
        using var b = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0", "--bind", "127.0.0.1");
        RawUdp.Send(IPAddress.Loopback, b.Port, new IPEndPoint(IPAddress.Loopback, a.Port), "ping-pong"u8);

        var stopped = await Task.WhenAny(
            a.Process.WaitForStderrLineAsync(LoopLine(), TimeSpan.FromSeconds(15)),
            b.Process.WaitForStderrLineAsync(LoopLine(), TimeSpan.FromSeconds(15)));
        await stopped;
        var bounces = Answered(a) + Answered(b);

        // Dead means no more answers: none in the next second.
        var stillBouncing = await ProcessGauge.EventuallyAsync(() => Answered(a) + Answered(b) > bounces, TimeSpan.FromSeconds(1));

        var measured = $"{bounces} answers in all (5 s of loop), then the loop guard dropped one and the loop ended; {(stillBouncing ? "STILL BOUNCING" : "none in the next second")}";
        ReliabilityReport.Row("UDP echo loop (two echo servers)", "one datagram to A spoofed from B's port", measured, !stillBouncing);
        Assert.False(stillBouncing, measured);
        Assert.True(bounces >= 2, measured);
    }

    private static async Task<bool> LogsAsync(NetProgServer server, Regex line, TimeSpan within)
    {
        try
        {
            await server.Process.WaitForStderrLineAsync(line, within);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static int Answered(NetProgServer server) => server.Process.StderrLines.Count(AnsweredLine().IsMatch);

    private static async Task<bool> AskAsync(UdpClient client, IPEndPoint target, byte[] request)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await client.SendAsync(request, target);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                while (true)
                {
                    var reply = await client.ReceiveAsync(timeout.Token);
                    if (reply.Buffer.AsSpan().SequenceEqual(request))
                    {
                        return true;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Lost in the flood: ask again.
            }
        }

        return false;
    }

    [GeneratedRegex(@"echo/udp \S+: datagrams not answered: .+")]
    private static partial Regex DropLine();

    [GeneratedRegex(@"datagrams not answered: too many datagrams")]
    private static partial Regex RateLimitedLine();

    [GeneratedRegex(@"datagrams not answered: for 5 s it sent back exactly what it was answered: a loop")]
    private static partial Regex LoopLine();

    [GeneratedRegex(@"echo/udp \S+: \d+ B in, \d+ B out")]
    private static partial Regex AnsweredLine();
}
