using NetProg.Services.Check.Tcp;

namespace NetProg.Integration.Tests.Check;

/// <summary>The tcp checks' pure parts, byte by byte: the escaped preview, the echo comparison, the clock's reading.</summary>
public sealed class TcpCheckLogicTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'H', (byte)'i', (byte)'\n' }, "'Hi\\n'")]
    [InlineData(new byte[] { 0, 0x1B, (byte)'[', (byte)'2', (byte)'J', 0xFF, (byte)'\'', (byte)'\\', (byte)'\r', (byte)'\t' }, "'\\0\\x1B[2J\\xFF\\'\\\\\\r\\t'")]
    [InlineData(new byte[0], "''")]
    public void Should_escape_every_byte_that_is_not_printable_ASCII_When_a_preview_is_made(byte[] bytes, string expected)
    {
        // Given bytes from the network (When previewed) Then controls, ESC and non-ASCII are escaped as in C
        Assert.Equal(expected, BytePreview.Of(bytes));
    }

    [Fact]
    public void Should_cut_at_the_limit_and_mark_it_When_the_bytes_are_long()
    {
        // Given 100 letters
        byte[] bytes = Enumerable.Repeat((byte)'a', 100).ToArray();

        // When previewed with the default limit
        string preview = BytePreview.Of(bytes);

        // Then 40 of them are shown, and "…" says there is more
        Assert.Equal("'" + new string('a', 40) + "'…", preview);
    }

    [Theory]
    [InlineData("hello\n", "hello\n", EchoShape.Exact, 6)]
    [InlineData("hello\n", "hel", EchoShape.Short, 3)]
    [InlineData("hello\n", "", EchoShape.Short, 0)]
    [InlineData("hi\n", "hi\nllo\n", EchoShape.Extra, 3)]
    [InlineData("hello\n", "helLo\n", EchoShape.Differs, 3)]
    public void Should_tell_the_shape_of_an_echo_When_it_is_compared_with_what_was_sent(string sent, string received, EchoShape shape, int matched)
    {
        // Given what was sent and what came back (When compared) Then the shape and the agreeing prefix are found
        Assert.Equal(new EchoComparison(shape, matched), EchoComparison.Of(Bytes(sent), Bytes(received)));
    }

    [Fact]
    public void Should_find_the_cut_at_the_NUL_and_the_old_tail_When_the_echo_has_strlen_s_shapes()
    {
        // Given a message with a NUL echoed up to it, and a short line echoed with a longer one's tail
        byte[] binary = [.. Bytes("bin"), 0, .. Bytes("ary\n")];
        byte[] earlier = Bytes("0123456789\n");

        // When their shapes are asked for, Then each is recognised, and their look-alikes are not
        Assert.True(EchoComparison.StopsAtNul(binary, Bytes("bin")));
        Assert.False(EchoComparison.StopsAtNul(binary, Bytes("bi")));
        Assert.True(EchoComparison.HasStaleTail(Bytes("ok\n"), Bytes("ok\n3456789\n"), earlier));
        Assert.False(EchoComparison.HasStaleTail(Bytes("ok\n"), Bytes("ok\nxyz"), earlier));
    }

    [Fact]
    public void Should_measure_the_gap_When_a_block_of_the_bulk_stream_is_missing()
    {
        // Given 100 numbered lines and an echo that lost lines 10 to 19 (640 bytes) and then went on in step
        byte[] sent = EchoPayloads.NumberedLines(100);
        int line = EchoPayloads.NumberedLineLength;
        byte[] received = [.. sent.AsSpan(0, 10 * line), .. sent.AsSpan(20 * line)];

        // When compared
        EchoComparison comparison = EchoComparison.Of(sent, received);

        // Then the echo differs within the first line after the gap ("0000010" against "0000020": 5 digits agree), the gap
        // is 640 bytes, and garbage there is no gap
        Assert.Equal((10 * line) + 5, comparison.Matched);
        Assert.Equal(10 * line, EchoComparison.GapAt(sent, received, comparison.Matched));
        byte[] garbage = [.. sent.AsSpan(0, 10 * line), .. Enumerable.Repeat((byte)'x', 100)];
        Assert.Null(EchoComparison.GapAt(sent, garbage, 10 * line));
    }

    [Theory]
    [InlineData(0.4, 0.5, ClockFinding.InStep, 0)]
    [InlineData(-3.2, 0.5, ClockFinding.InStep, 0)]
    [InlineData(32_400.3, 0.5, ClockFinding.TimeZone, 540)]
    [InlineData(-32_399.6, 0.5, ClockFinding.TimeZone, -540)]
    [InlineData(19_800.2, 0.5, ClockFinding.TimeZone, 330)]
    [InlineData(-90, 0.5, ClockFinding.WrongClock, 0)]
    [InlineData(3_610, 0.5, ClockFinding.WrongClock, 0)]
    [InlineData(20 * 3_600, 0.5, ClockFinding.WrongClock, 0)]
    public void Should_call_whole_zones_a_time_zone_and_the_rest_a_wrong_clock_When_an_offset_is_read(
        double seconds, double uncertainty, ClockFinding finding, int zoneMinutes)
    {
        // Given an offset and its uncertainty (When judged) Then in step within a few seconds, a zone for whole hours or
        // half hours up to 14 h, a wrong clock otherwise
        ClockJudgement judgement = ClockJudgement.Of(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(uncertainty));

        Assert.Equal(finding, judgement.Finding);
        Assert.Equal(TimeSpan.FromMinutes(zoneMinutes), judgement.Zone);
    }

    private static byte[] Bytes(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}
