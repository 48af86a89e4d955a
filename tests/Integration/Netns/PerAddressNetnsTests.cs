using Xunit.Abstractions;

namespace NetProg.Integration.Tests.Netns;

/// <summary>
/// The per-address connection limit with its defaults, as a LAN client meets it: a default echo server (10.77.1.3) in one
/// namespace, a client (10.77.1.2) in another that opens connections until it is turned away, then a second address of
/// the same client machine that still gets in. Loopback is not counted by default, so this needs two hosts. Root only (the
/// lab skips with its reason otherwise).
/// </summary>
public sealed class PerAddressNetnsTests(ITestOutputHelper output)
{
    private const int Port = 30001;
    private const int PerAddress = 100; // the default --max-per-address

    [Fact]
    public async Task Should_turn_away_the_101st_connection_from_one_address_and_still_serve_another_When_the_server_has_its_defaults()
    {
        if (NetworkLab.Unavailable() is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        // Given a default echo server, and a client machine with a second address on the same link
        using var lab = NetworkLab.Create();
        lab.Exec(lab.Client, "ip", "addr", "add", "10.77.1.4/24", "dev", "a0");
        using ChildProcess server = lab.StartNetProg(lab.Server, "echo-server", "--port", Text(Port), "--bind", NetworkLab.ServerAddress);
        await server.WaitForStdoutLineAsync(NetProgApp.ListeningLine(), NetProgApp.StartTimeout);
        var target = new IPEndPoint(IPAddress.Parse(NetworkLab.ServerAddress), Port);
        var sockets = NetnsSockets.Create(lab.Client, () =>
            Enumerable.Range(0, PerAddress + 2).Select(i => Bound(i <= PerAddress ? "10.77.1.2" : "10.77.1.4")).ToList());
        try
        {
            // When 10.77.1.2 opens 100 connections, each echoed (so each is admitted and being served), then a 101st
            for (var i = 0; i < PerAddress; i++)
            {
                await sockets[i].ConnectAsync(target).WaitAsync(Waits.Long);
                var line = Encoding.ASCII.GetBytes($"client {i}\n");
                Assert.Equal(line, await Loopback.RoundTripAsync(sockets[i], line));
            }

            var turnedAway = await Loopback.TryServiceAsync(sockets[PerAddress], target);

            // And 10.77.1.4 connects while the 100 are still open
            await sockets[PerAddress + 1].ConnectAsync(target).WaitAsync(Waits.Long);
            var other = "from another address\n"u8.ToArray();

            // Then the 101st got no byte of service, the other address is echoed, and the server says why in one line
            Assert.Empty(turnedAway);
            Assert.Equal(other, await Loopback.RoundTripAsync(sockets[PerAddress + 1], other));
            await server.WaitForStderrLineAsync(
                new Regex(@"10\.77\.1\.2:\d+: turned away, 100 connections already open from this address \(--max-per-address\)"),
                Waits.Line);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    private static Socket Bound(string address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return socket;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
