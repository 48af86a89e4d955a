using NetProg.Protocols.Time;
using NetProg.Services.Clients;
using NetProg.Services.Hosting;
using NetProg.Transport;

namespace NetProg.Services.Tests.Clients;

public sealed class TimeClientTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_read_ctime_from_our_server_and_find_the_clocks_agree(bool udp)
    {
        // Given our ctime server on the real clock, over TCP and UDP on one port
        await using var server = RunningHost.Start(ServiceCatalog.Time(TimeFormat.Ctime, false, TimeProvider.System), ProtocolSelection.Both);

        // When the client asks it for the time
        var result = await TimeClient.QueryAsync("127.0.0.1", server.Port, udp, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then it recognises ctime and, both clocks being this machine's, finds no offset beyond the 1 s resolution
        Assert.Equal(TimeReplyKind.Ctime, result.Reply.Kind);
        Assert.Equal(udp ? TransportProtocol.Udp : TransportProtocol.Tcp, result.Protocol);
        Assert.Equal(25, result.ReplyBytes);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.Port), result.Server);
        Assert.NotNull(result.ClockOffset);
        Assert.InRange(result.ClockOffset.Value, -Tolerance, Tolerance);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_measure_the_offset_of_a_server_whose_clock_is_an_hour_ahead(bool udp)
    {
        // Given an ISO 8601 server (it states its zone) whose clock runs one hour ahead
        await using var server = RunningHost.Start(ServiceCatalog.Time(TimeFormat.Iso8601, false, new ShiftedClock(TimeSpan.FromHours(1))), ProtocolSelection.Both);

        // When the client asks it for the time
        var result = await TimeClient.QueryAsync("127.0.0.1", server.Port, udp, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then the zone is known and the offset is +1 h
        Assert.Equal(TimeReplyKind.Iso8601, result.Reply.Kind);
        Assert.True(result.Reply.ZoneKnown);
        Assert.NotNull(result.ClockOffset);
        Assert.InRange(result.ClockOffset.Value, TimeSpan.FromHours(1) - Tolerance, TimeSpan.FromHours(1) + Tolerance);
    }

    [Fact]
    public async Task Should_read_a_C_server_that_sends_ctime_and_its_NUL()
    {
        // Given a server written like the course's C time_server: ctime(), then strlen + 1 bytes, so a NUL at the end
        var text = TimeFormatter.Format(TimeFormat.Ctime, DateTimeOffset.Now);
        await using var server = RawTcpServer.Start([.. text, 0]);

        // When the client asks it for the time
        var result = await TimeClient.QueryAsync("127.0.0.1", server.Port, udp: false, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then it counts all 26 bytes, recognises ctime, and shows the text without the NUL or the newline
        Assert.Equal(26, result.ReplyBytes);
        Assert.Equal(TimeReplyKind.Ctime, result.Reply.Kind);
        Assert.DoesNotContain("\0", result.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(Encoding.ASCII.GetString(text).TrimEnd('\n'), result.Reply.Text);
        Assert.NotNull(result.ClockOffset);
        Assert.InRange(result.ClockOffset.Value, -Tolerance, Tolerance);
    }

    [Fact]
    public async Task Should_report_an_Empty_reply_when_the_server_closes_without_sending()
    {
        // Given a server that accepts and closes at once
        await using var server = RawTcpServer.Start([]);

        // When the client asks it for the time
        var result = await TimeClient.QueryAsync("127.0.0.1", server.Port, udp: false, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // Then the reply is empty: no bytes, no time, no offset
        Assert.Equal(TimeReplyKind.Empty, result.Reply.Kind);
        Assert.Equal(0, result.ReplyBytes);
        Assert.Null(result.Reply.Time);
        Assert.Null(result.ClockOffset);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_report_ConnectionRefused_when_no_time_server_runs_there(bool udp)
    {
        // Given a loopback port where nothing listens (a host stopped and released it)
        int port;
        await using (var stopped = RunningHost.Start(ServiceCatalog.Time(TimeFormat.Ctime, false, TimeProvider.System), ProtocolSelection.Both))
        {
            port = stopped.Port;
        }

        // When the client asks there
        var error = await Assert.ThrowsAsync<NetworkException>(() => TimeClient.QueryAsync("127.0.0.1", port, udp, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long));

        // Then it says refused: TCP got RST for its SYN, UDP got ICMP port unreachable on its connected socket
        Assert.Equal(SocketErrorKind.ConnectionRefused, error.Kind);
        Assert.Equal(udp ? TransportProtocol.Udp : TransportProtocol.Tcp, error.Protocol);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), error.EndPoint);
    }

    [Fact]
    public async Task Should_show_what_came_when_the_server_sends_the_time_but_never_closes()
    {
        // Given a server that sends ctime and then keeps the connection open
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var text = TimeFormatter.Format(TimeFormat.Ctime, DateTimeOffset.Now);
        var serving = Task.Run(async () =>
        {
            var accepted = await listener.AcceptAsync();
            await accepted.SendAsync(text, SocketFlags.None);
            return accepted;
        });

        // When the client asks it for the time with a 500 ms timeout
        var result = await TimeClient.QueryAsync("127.0.0.1", port, udp: false, TimeSpan.FromMilliseconds(500), CancellationToken.None).WaitAsync(Waits.Long);

        // Then at the deadline it shows the text that came instead of failing
        Assert.Equal(TimeReplyKind.Ctime, result.Reply.Kind);
        Assert.Equal(25, result.ReplyBytes);
        (await serving.WaitAsync(Waits.Long)).Dispose();
    }
}
