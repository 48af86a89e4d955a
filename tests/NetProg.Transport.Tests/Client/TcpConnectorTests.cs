using System.Diagnostics;
using NetProg.Transport.Client;
using Xunit.Abstractions;

namespace NetProg.Transport.Tests.Client;

[Collection(TimingCollection.Name)]
public sealed class TcpConnectorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_report_ConnectionRefused_for_a_port_nobody_listens_on()
    {
        // Given a loopback port held by a bound socket that does not listen (so nothing else can take it meanwhile)
        using var reserved = FreePort.ReserveTcp();
        var port = ((IPEndPoint)reserved.LocalEndPoint!).Port;

        // When we connect to it
        var error = await Assert.ThrowsAsync<NetworkException>(() => TcpConnector.ConnectAsync("127.0.0.1", port, Waits.Deadline, CancellationToken.None)).WaitAsync(Waits.Long);

        // Then the kernel's RST comes back as "refused" on connect
        Assert.Equal(SocketErrorKind.ConnectionRefused, error.Kind);
        Assert.Equal(NetworkOperation.Connect, error.Operation);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), error.EndPoint);
        Assert.Equal(SocketError.ConnectionRefused, error.SocketError);
    }

    [Fact]
    public async Task Should_report_HostNotFound_for_a_name_that_cannot_exist()
    {
        // Given a name in .invalid, which RFC 2606 guarantees never resolves

        // When we connect to it
        var error = await Assert.ThrowsAsync<NetworkException>(() => TcpConnector.ConnectAsync("nonexistent.invalid", 7, Waits.Deadline, CancellationToken.None)).WaitAsync(Waits.Long);

        // Then resolving fails as "host not found", and the name is kept for the message
        Assert.Equal(SocketErrorKind.HostNotFound, error.Kind);
        Assert.Equal(NetworkOperation.Resolve, error.Operation);
        Assert.Equal("nonexistent.invalid", error.Host);
        Assert.Null(error.EndPoint);
    }

    [Fact]
    public async Task Should_report_TimedOut_when_the_SYN_is_never_answered_within_the_timeout()
    {
        // Given a listener with backlog 1 that never accepts, its accept queue filled by raw connects: Linux then drops further
        // SYNs instead of answering them (tcp_conn_request: "if (sk_acceptq_is_full(sk)) goto drop")
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            var full = false;
            for (var i = 0; i < 8 && !full; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                var connecting = filler.ConnectAsync(endPoint);

                // Writable = established, asked of the kernel (poll), so a busy thread pool cannot make a full queue of a slow one.
                full = !filler.Poll(TimeSpan.FromMilliseconds(300), SelectMode.SelectWrite);
                if (!full)
                {
                    await connecting.WaitAsync(Waits.Long);
                }
            }

            if (!full)
            {
                output.WriteLine($"Not reproduced here: {fillers.Count} connects to a full backlog were all answered; the platform does not drop SYNs.");
                return;
            }

            // When TcpConnector tries with a 300 ms timeout
            var started = Stopwatch.GetTimestamp();
            var error = await Assert.ThrowsAsync<NetworkException>(
                () => TcpConnector.ConnectAsync("127.0.0.1", endPoint.Port, TimeSpan.FromMilliseconds(300), CancellationToken.None)).WaitAsync(Waits.Long);
            var elapsed = Stopwatch.GetElapsedTime(started);

            // Then it gives up on its own deadline, as "timed out" on connect, instead of waiting minutes for the OS
            Assert.Equal(SocketErrorKind.TimedOut, error.Kind);
            Assert.Equal(NetworkOperation.Connect, error.Operation);
            Assert.Equal(endPoint, error.EndPoint);
            Assert.InRange(elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        }
        finally
        {
            foreach (var filler in fillers)
            {
                filler.Dispose();
            }
        }
    }

    [Fact]
    public async Task Should_connect_to_a_later_address_of_localhost_and_report_the_earlier_failed_ones()
    {
        // Given localhost's addresses, and a listener on the last of them only
        var addresses = await HostResolver.ResolveAsync("localhost", Waits.Deadline, TransportProtocol.Tcp, CancellationToken.None).WaitAsync(Waits.Long);
        if (addresses.Count < 2 || !addresses.All(IPAddress.IsLoopback))
        {
            output.WriteLine($"Not reproducible here: localhost resolves to {string.Join(", ", addresses)}; the test needs 127.0.0.1 and ::1.");
            return;
        }

        using var listener = new Socket(addresses[^1].AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(addresses[^1], 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        // When TcpConnector connects to localhost on that port
        using var connection = await TcpConnector.ConnectAsync("localhost", port, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then it reaches the listening address and reports each earlier one as refused
        Assert.Equal(new IPEndPoint(addresses[^1], port), connection.RemoteEndPoint);
        Assert.Equal(addresses.Count - 1, connection.FailedAttempts.Count);
        for (var i = 0; i < addresses.Count - 1; i++)
        {
            Assert.Equal(new ConnectAttempt(new IPEndPoint(addresses[i], port), SocketErrorKind.ConnectionRefused), connection.FailedAttempts[i]);
        }
    }
}
