using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NetProg.Reliability.Tests.Support;

namespace NetProg.Reliability.Tests;

/// <summary>
/// UDP abuse (issue #8). An answering UDP service can be made to send to anyone, because the source of a datagram is
/// whatever the sender wrote: to another echo/chargen service (an endless loop, CVE-1999-0103) or, flooded, at a victim.
/// netprog's UDP servers answer no source port below 1024 (or 0), and at most --rate-limit datagrams per second per address.
/// Every loopback address 127.0.0.0/8 reaches this machine on Linux, so each attack gets its own source address.
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
    public async Task Should_rate_limit_a_flooding_source_while_another_source_is_still_answered()
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

        // Count what the flooder got back, until nothing more comes for half a second.
        var floodAnswered = 0;
        while (true)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                await flooder.ReceiveAsync(quiet.Token);
                floodAnswered++;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Burst of 100, then 100 per second (docs/RELIABILITY.md); 20 % over for the refill's rounding at the edges.
        var allowed = (int)((100 + (100 * (elapsed.TotalSeconds + 0.5))) * 1.2);
        var measured = string.Create(
            CultureInfo.InvariantCulture,
            $"flooder: {floodAnswered} of 5,000 answered in {elapsed.TotalSeconds:0.0} s (allowed {allowed}); other address: {otherAnswered} of 20 answered");
        ReliabilityReport.Row("UDP flood (echo/udp)", "5,000 datagrams at full speed from one address, 20 requests from another", measured, floodAnswered <= allowed && otherAnswered == 20);
        Assert.True(floodAnswered <= allowed, measured);
        Assert.Equal(20, otherAnswered);
    }

    [LinuxFact(needsRoot: true)]
    public async Task Should_let_a_spoofed_loop_between_two_echo_servers_die_out()
    {
        // Two echo servers, and one datagram to A that claims to come from B: A echoes to B, B to A, ... Each only answers
        // 100 datagrams per second per address after a burst of 100, so the ping-pong, which runs far faster, soon meets an
        // empty bucket: that datagram is dropped, and with it the loop.
        using var a = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0", "--bind", "127.0.0.1");
        using var b = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0", "--bind", "127.0.0.1");
        RawUdp.Send(IPAddress.Loopback, b.Port, new IPEndPoint(IPAddress.Loopback, a.Port), "ping-pong"u8);

        var stopped = await Task.WhenAny(
            a.Process.WaitForStderrLineAsync(RateLimitedLine(), TimeSpan.FromSeconds(15)),
            b.Process.WaitForStderrLineAsync(RateLimitedLine(), TimeSpan.FromSeconds(15)));
        await stopped;
        var bounces = Answered(a) + Answered(b);

        // Dead means no more answers: none in the next second.
        var stillBouncing = await ProcessGauge.EventuallyAsync(() => Answered(a) + Answered(b) > bounces, TimeSpan.FromSeconds(1));

        var measured = $"{bounces} answers in all, then the rate limit dropped one and the loop ended; {(stillBouncing ? "STILL BOUNCING" : "none in the next second")}";
        ReliabilityReport.Row("UDP echo loop (two echo servers)", "one datagram to A spoofed from B's port", measured, !stillBouncing);
        Assert.False(stillBouncing, measured);
        Assert.InRange(bounces, 2, 1000);
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

    [GeneratedRegex(@"echo/udp \S+: \d+ B in, \d+ B out")]
    private static partial Regex AnsweredLine();
}
