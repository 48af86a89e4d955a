using System.Diagnostics;
using Xunit.Abstractions;

namespace NetProg.Integration.Tests.Netns;

/// <summary>
/// What the UDP rate limit exists for: a flood whose sources are spoofed far (Internet) addresses, each a victim the server's
/// replies would hit. The client namespace owns 203.0.113.0/24 and 198.51.100.0/24 (RFC 5737 documentation ranges, as local
/// routes: it can send from, and receive at, any of them) and the server namespace routes them back through it, so to the
/// server they are far sources that are not on any of its links, exactly as spoofed ones would be. Nothing leaves the machine.
/// Root only (the lab skips with its reason otherwise).
/// </summary>
public sealed partial class UdpReflectionNetnsTests(ITestOutputHelper output)
{
    private const int Port = 30001;
    private const int PerSecond = 100; // the default --rate-limit

    [Fact]
    public async Task Should_bound_the_replies_per_victim_and_in_all_When_spoofed_far_sources_flood_a_default_echo_server()
    {
        if (NetworkLab.Unavailable() is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        // Given a default echo server (10.77.1.3) and 508 far addresses on the client side, one of them a victim sent 2,000
        // datagrams, the others 40 each: 22,280 datagrams, far more than 100 per victim and 1,000 in all
        using var lab = NetworkLab.Create();
        foreach (var range in new[] { "203.0.113.0/24", "198.51.100.0/24" })
        {
            lab.Exec(lab.Client, "ip", "route", "add", "local", range, "dev", "lo");
            lab.Exec(lab.Server, "ip", "route", "add", range, "via", "10.77.1.2");
        }

        using ChildProcess server = lab.StartNetProg(lab.Server, "echo-server", "--udp", "--port", Text(Port), "--bind", NetworkLab.ServerAddress, "--quiet");
        await server.WaitForStdoutLineAsync(NetProgApp.ListeningLine(), NetProgApp.StartTimeout);
        var target = new IPEndPoint(IPAddress.Parse(NetworkLab.ServerAddress), Port);
        var (victims, near) = NetnsSockets.Create(lab.Client, () =>
        {
            var sockets = new List<Socket>();
            foreach (var net in new[] { "203.0.113", "198.51.100" })
            {
                for (var host = 1; host <= 254; host++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    socket.Bind(new IPEndPoint(IPAddress.Parse($"{net}.{host}"), 40000));
                    sockets.Add(socket);
                }
            }

            var lan = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
            lan.Bind(new IPEndPoint(IPAddress.Parse("10.77.1.2"), 0));
            return (sockets, lan);
        });
        try
        {
            // When the flood is sent as fast as the sockets take it, then a LAN client (10.77.1.2, near) asks until it is
            // answered (the flood can overflow the server's receive buffer): that echo means the server has handled every
            // datagram before it (one socket, in order); and then the LAN client ping-pongs 1,000 datagrams
            var payload = new byte[32];
            var clock = Stopwatch.StartNew();
            for (var round = 0; round < 40; round++)
            {
                foreach (var socket in victims)
                {
                    socket.SendTo(payload, target);
                }
            }

            for (var i = 0; i < 2000 - 40; i++)
            {
                victims[50].SendTo(payload, target);
            }

            Assert.True(Sync(near, target), "the LAN client was never answered");
            var elapsed = clock.Elapsed.TotalSeconds;
            var lanAnswered = PingPong(near, target, 1000);

            // Then the victim got at most the burst and the rate, all victims together at most 10 times that, and the LAN
            // client, near, every echo
            var replies = victims.Select(Drain).ToList();
            var total = replies.Sum();
            var perVictimAllowed = (int)((PerSecond + (PerSecond * elapsed)) * 1.1) + 1;
            var totalAllowed = (int)((10 * PerSecond * (1 + elapsed)) * 1.1) + 1;
            var measured = string.Create(
                CultureInfo.InvariantCulture,
                $"22,280 datagrams from 508 far sources in {elapsed:0.00} s: {replies[50]} replies to the 2,000-datagram victim (allowed {perVictimAllowed}), " +
                $"{replies.Max()} at most to one, {total} in all (allowed {totalAllowed}); LAN client: {lanAnswered} of 1,000 echoed");
            output.WriteLine(measured);
            Assert.InRange(replies[50], 1, perVictimAllowed);
            Assert.InRange(total, PerSecond, totalAllowed);
            Assert.All(replies, r => Assert.InRange(r, 0, perVictimAllowed));
            Assert.Equal(1000, lanAnswered);

            // and the log named the flood, without a line per datagram
            await server.WaitForStderrLineAsync(FarBudgetLine(), Waits.Line);
            Assert.InRange(server.StderrLines.Count, 1, 1100);
        }
        finally
        {
            victims.ForEach(s => s.Dispose());
            near.Dispose();
        }
    }

    private static bool Sync(Socket socket, IPEndPoint target)
    {
        var marker = "marker"u8.ToArray();
        var buffer = new byte[64];
        socket.ReceiveTimeout = 1000;
        try
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                socket.SendTo(marker, target);
                try
                {
                    while (true)
                    {
                        if (buffer.AsSpan(0, socket.Receive(buffer)).SequenceEqual(marker))
                        {
                            return true;
                        }
                    }
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
                {
                    // Lost in the flood: ask again.
                }
            }

            return false;
        }
        finally
        {
            socket.ReceiveTimeout = 5000;
        }
    }

    private static int PingPong(Socket socket, IPEndPoint target, int count)
    {
        var buffer = new byte[64];
        var answered = 0;
        for (var i = 0; i < count; i++)
        {
            var datagram = BitConverter.GetBytes(i);
            socket.SendTo(datagram, target);
            try
            {
                // The flood's replies do not come here: only this socket's own echoes.
                if (socket.Receive(buffer) == datagram.Length && BitConverter.ToInt32(buffer) == i)
                {
                    answered++;
                }
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                return answered;
            }
        }

        return answered;
    }

    private static int Drain(Socket socket)
    {
        var buffer = new byte[64];
        var count = 0;
        while (socket.Available > 0)
        {
            socket.Receive(buffer);
            count++;
        }

        return count;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"echo/udp (203\.0\.113|198\.51\.100)\.\d+:40000: datagrams not answered: too many datagrams from far addresses together")]
    private static partial Regex FarBudgetLine();
}
