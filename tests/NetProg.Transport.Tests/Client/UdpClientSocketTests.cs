using System.Diagnostics;
using NetProg.Transport.Client;

namespace NetProg.Transport.Tests.Client;

[Collection(TimingCollection.Name)]
public sealed class UdpClientSocketTests
{
    [Fact]
    public async Task Should_exchange_with_a_UDP_echo_server_and_keep_the_socket_for_more()
    {
        // Given a UDP echo server
        await using var server = RunningUdpServer.Start();

        // When a client opens with a first request and then exchanges a second one on the same socket
        var (socket, first) = await UdpClientSocket.OpenAsync("127.0.0.1", server.Port, "first"u8.ToArray(), Waits.Deadline, null, CancellationToken.None).WaitAsync(Waits.Long);
        using (socket)
        {
            var second = await socket.ExchangeAsync("second"u8.ToArray(), Waits.Deadline, null, CancellationToken.None).WaitAsync(Waits.Long);

            // Then both echoes come back, each on its first transmission
            Assert.Equal("first"u8.ToArray(), first.Data);
            Assert.Equal("second"u8.ToArray(), second.Data);
            Assert.Equal(1, first.Transmissions);
            Assert.Equal(server.EndPoint, socket.RemoteEndPoint);
            Assert.Empty(socket.FailedAttempts);
        }
    }

    [Fact]
    public async Task Should_report_ConnectionRefused_when_nothing_listens_on_the_UDP_port()
    {
        // Given a loopback UDP port nothing is bound to
        var port = FreePort.Udp();

        // When a connected UDP socket sends a request there
        var error = await Assert.ThrowsAsync<NetworkException>(
            () => UdpClientSocket.OpenAsync("127.0.0.1", port, "hello"u8.ToArray(), Waits.Deadline, null, CancellationToken.None)).WaitAsync(Waits.Long);

        // Then the ICMP port unreachable comes back as "refused" (Linux reports it on connected UDP sockets)
        Assert.Equal(SocketErrorKind.ConnectionRefused, error.Kind);
        Assert.Equal(TransportProtocol.Udp, error.Protocol);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), error.EndPoint);
    }

    [Fact]
    public async Task Should_send_three_times_and_report_TimedOut_when_the_server_never_answers()
    {
        // Given a bound UDP socket that reads but never answers
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)silent.LocalEndPoint!).Port;
        var timeout = TimeSpan.FromMilliseconds(600);

        // When a client asks it with a 600 ms timeout
        var started = Stopwatch.GetTimestamp();
        var error = await Assert.ThrowsAsync<NetworkException>(
            () => UdpClientSocket.OpenAsync("127.0.0.1", port, "anyone?"u8.ToArray(), timeout, null, CancellationToken.None)).WaitAsync(Waits.Long);
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Then it gave up as "timed out" after about the timeout, having sent the request 3 times (UDP does not retransmit for us)
        Assert.Equal(SocketErrorKind.TimedOut, error.Kind);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(3));
        var buffer = new byte[64];
        for (var i = 0; i < UdpClientSocket.Transmissions; i++)
        {
            var n = await silent.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Waits.Long);
            Assert.Equal("anyone?"u8.ToArray(), buffer.AsSpan(0, n).ToArray());
        }

        Assert.Equal(0, silent.Available);
    }
}
