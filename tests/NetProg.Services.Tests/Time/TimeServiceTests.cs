using NetProg.Protocols.Time;
using NetProg.Services.Hosting;
using NetProg.Transport.InMemory;

namespace NetProg.Services.Tests.Time;

public sealed class TimeServiceTests
{
    // 2026-11-24T10:52:49Z is 19:52:49 on a Tuesday in a +09:00 zone.
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 24, 10, 52, 49, TimeSpan.Zero), FixedClock.PlusNine);

    [Theory]
    [InlineData(TimeFormat.Ctime, false, "Tue Nov 24 19:52:49 2026\n")]
    [InlineData(TimeFormat.Ctime, true, "Tue Nov 24 19:52:49 2026\n\0")]
    [InlineData(TimeFormat.Iso8601, false, "2026-11-24T19:52:49.000000+09:00\r\n")]
    [InlineData(TimeFormat.Iso8601, true, "2026-11-24T19:52:49.000000+09:00\r\n\0")]
    public async Task Should_send_the_time_text_over_TCP_and_then_close(TimeFormat format, bool appendNul, string expected)
    {
        // Given a TCP time server on a stopped clock in +09:00 (over an in-memory connection: the reply is the point)
        await using var connection = InMemoryConnection.Start(ServiceCatalog.Time(format, appendNul, Clock).TcpHandler);

        // When a client connects and reads until the server closes, sending nothing
        var reply = await ReadAllAsync(connection);

        // Then it got exactly the server's local time text (ctime: 25 bytes; +NUL as the course's C server: 26), then FIN
        Assert.Equal(expected, Encoding.ASCII.GetString(reply));
    }

    [Fact]
    public async Task Should_send_the_four_RFC_868_bytes_over_TCP_and_never_a_NUL()
    {
        // Given an RFC 868 server on the stopped clock, asked to append a NUL (which only applies to text)
        await using var connection = InMemoryConnection.Start(ServiceCatalog.Time(TimeFormat.Rfc868, appendNul: true, Clock).TcpHandler);

        // When a client reads the reply
        var reply = await ReadAllAsync(connection);

        // Then it is 4 bytes, big-endian seconds since 1900: 1,795,517,569 + 2,208,988,800 = 4,004,506,369 = 0xEEAFEB01
        Assert.Equal([0xEE, 0xAF, 0xEB, 0x01], reply);
    }

    [Theory]
    [InlineData(TimeFormat.Ctime, false, "Tue Nov 24 19:52:49 2026\n")]
    [InlineData(TimeFormat.Ctime, true, "Tue Nov 24 19:52:49 2026\n\0")]
    [InlineData(TimeFormat.Iso8601, false, "2026-11-24T19:52:49.000000+09:00\r\n")]
    public async Task Should_answer_an_empty_UDP_datagram_with_the_same_time_text(TimeFormat format, bool appendNul, string expected)
    {
        // Given a UDP time server on the stopped clock
        await using var server = RunningHost.Start(ServiceCatalog.Time(format, appendNul, Clock), ProtocolSelection.Udp);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));

        // When a client sends an empty datagram (RFC 868 asks for one; the course's client sends one)
        await client.SendAsync(ReadOnlyMemory<byte>.Empty, SocketFlags.None).AsTask().WaitAsync(Waits.Long);
        var buffer = new byte[1024];
        var n = await client.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Waits.Long);

        // Then one datagram comes back with exactly the TCP text
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, n));
    }

    private static async Task<byte[]> ReadAllAsync(InMemoryConnection connection)
    {
        var (data, reset) = await InMemoryClient.ReadToEndAsync(connection);
        Assert.False(reset);
        return data;
    }
}
