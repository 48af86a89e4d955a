using System.Diagnostics;
using System.IO.Pipelines;
using NetProg.Services.Clients;
using NetProg.Services.Hosting;
using NetProg.Transport;

namespace NetProg.Services.Tests.Clients;

public sealed class EchoClientTests
{
    [Fact]
    public async Task Should_stream_two_MiB_through_the_echo_server_and_get_the_same_bytes_back()
    {
        // Given the echo service over TCP and 2 MiB of random input
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        var data = Payloads.Random(2, 2 * 1024 * 1024);
        using var input = new MemoryStream(data);
        using var output = new MemoryStream();

        // When the client streams the input and writes what comes back
        var result = await EchoClient.StreamAsync("127.0.0.1", server.Port, input, output, Waits.Long, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        // Then the output is the input, byte for byte, and the server did not close early
        Assert.True(data.AsSpan().SequenceEqual(output.ToArray()), "the echo differs from the input");
        Assert.False(result.ServerClosedEarly);
        Assert.Equal(data.Length, result.BytesSent);
        Assert.Equal(data.Length, result.BytesReceived);
        Assert.Equal(TransportProtocol.Tcp, result.Protocol);
    }

    [Fact]
    public async Task Should_end_normally_with_empty_output_for_empty_input()
    {
        // Given the echo service over TCP and no input at all
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp);
        using var input = new MemoryStream();
        using var output = new MemoryStream();

        // When the client streams it
        var result = await EchoClient.StreamAsync("127.0.0.1", server.Port, input, output, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then it half-closes at once, the server closes too, and nothing was written
        Assert.Equal(0, output.Length);
        Assert.False(result.ServerClosedEarly);
        Assert.Equal(0, result.BytesSent);
        Assert.Equal(0, result.BytesReceived);
    }

    [Fact]
    public async Task Should_send_each_line_as_a_datagram_and_write_the_echoes_in_order()
    {
        // Given the echo service over UDP and a few lines, the last without LF
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp);
        var text = Encoding.UTF8.GetBytes("first line\nsecond\n\nthird: 안녕\nno newline at the end");
        using var input = new MemoryStream(text);
        using var output = new MemoryStream();

        // When the client sends them
        var result = await EchoClient.StreamDatagramsAsync("127.0.0.1", server.Port, input, output, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then one datagram per line came back and the output equals the input
        Assert.Equal(text, output.ToArray());
        Assert.Equal(5, result.Datagrams);
        Assert.Equal(text.Length, result.BytesSent);
        Assert.Equal(text.Length, result.BytesReceived);
        Assert.Equal(TransportProtocol.Udp, result.Protocol);
    }

    [Fact]
    public async Task Should_cut_a_line_longer_than_the_largest_datagram_and_still_echo_it_whole()
    {
        // Given the echo service over UDP and a 150,000-byte line between two short ones
        await using var server = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Udp);
        var longLine = Payloads.Random(150, 150_000);
        for (var i = 0; i < longLine.Length; i++)
        {
            // Printable, no LF: one line.
            longLine[i] = (byte)('a' + (longLine[i] % 26));
        }

        byte[] text = [.. "short\n"u8, .. longLine, (byte)'\n', .. "end\n"u8];
        using var input = new MemoryStream(text);
        using var output = new MemoryStream();

        // When the client sends them
        var result = await EchoClient.StreamDatagramsAsync("127.0.0.1", server.Port, input, output, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then the long line went out as 65,507 + 65,507 + 18,987 bytes (its LF in the last piece), and the output is the input
        Assert.Equal(text, output.ToArray());
        Assert.Equal(5, result.Datagrams);
    }

    [Fact]
    public async Task Should_report_ConnectionRefused_when_no_echo_server_runs_there()
    {
        // Given a loopback port where nothing listens
        int port;
        await using (var stopped = RunningHost.Start(ServiceCatalog.Echo(), ProtocolSelection.Tcp))
        {
            port = stopped.Port;
        }

        using var input = new MemoryStream("hello\n"u8.ToArray());
        using var output = new MemoryStream();

        // When the client streams to it
        var error = await Assert.ThrowsAsync<NetworkException>(() => EchoClient.StreamAsync("127.0.0.1", port, input, output, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long));

        // Then it is refused on connect
        Assert.Equal(SocketErrorKind.ConnectionRefused, error.Kind);
        Assert.Equal(NetworkOperation.Connect, error.Operation);
    }

    [Fact]
    public async Task Should_report_that_the_server_closed_before_the_input_ended()
    {
        // Given a server that echoes the first line and closes, and input that has not ended (a person still typing)
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var line = new byte[6];
            await stream.ReadExactlyAsync(line);
            await stream.WriteAsync(line);
        });
        var typing = new Pipe();
        await typing.Writer.WriteAsync("hello\n"u8.ToArray());
        using var input = typing.Reader.AsStream();
        using var output = new MemoryStream();

        try
        {
            // When the client streams to it
            var result = await EchoClient.StreamAsync("127.0.0.1", port, input, output, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

            // Then it returns when the server closes, says the server closed early, and wrote what the server sent
            Assert.True(result.ServerClosedEarly);
            Assert.Equal("hello\n", Encoding.ASCII.GetString(output.ToArray()));
            Assert.Equal(6, result.BytesReceived);
            await serve.WaitAsync(Waits.Long);
        }
        finally
        {
            // End the input, so that the client's abandoned upload finishes.
            await typing.Writer.CompleteAsync();
        }
    }

    [Fact]
    public async Task Should_not_pass_a_time_servers_reply_for_an_echo()
    {
        // Given a server that answers and closes at once (a time server), and input that has not ended
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 24, 10, 52, 49, TimeSpan.Zero), FixedClock.PlusNine);
        await using var server = RunningHost.Start(ServiceCatalog.Time(NetProg.Protocols.Time.TimeFormat.Ctime, false, clock), ProtocolSelection.Tcp);
        var typing = new Pipe();
        await typing.Writer.WriteAsync("hello\n"u8.ToArray());
        using var input = typing.Reader.AsStream();
        using var output = new MemoryStream();

        try
        {
            // When the client streams to it
            var error = await Assert.ThrowsAsync<WrongServiceException>(() => EchoClient.StreamAsync("127.0.0.1", server.Port, input, output, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long));

            // Then the time is not written out as an echo, and the error says what it was
            Assert.Equal(ExpectedService.Echo, error.Expected);
            Assert.Equal(ForeignReplyKind.Time, error.Reply.Kind);
            Assert.Equal("Tue Nov 24 19:52:49 2026", error.Reply.Text);
            Assert.Empty(output.ToArray());
        }
        finally
        {
            await typing.Writer.CompleteAsync();
        }
    }

    [Fact]
    public async Task Should_give_up_with_TimedOut_when_the_server_neither_answers_nor_closes()
    {
        // Given a listener that never accepts: the kernel completes the handshake and takes our bytes, nobody answers
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var input = new MemoryStream("hello\n"u8.ToArray());
        using var output = new MemoryStream();

        // When the client streams to it with a 500 ms timeout
        var started = Stopwatch.GetTimestamp();
        var error = await Assert.ThrowsAsync<NetworkException>(
            () => EchoClient.StreamAsync("127.0.0.1", port, input, output, TimeSpan.FromMilliseconds(500), CancellationToken.None)).WaitAsync(Waits.Long);

        // Then it stops waiting after about the timeout, and says the server went silent after the input ended
        Assert.Equal(SocketErrorKind.TimedOut, error.Kind);
        Assert.Equal(NetworkOperation.Receive, error.Operation);
        Assert.InRange(Stopwatch.GetElapsedTime(started), TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(5));
        Assert.Contains("after the end of the input", error.Message, StringComparison.Ordinal);
    }
}
