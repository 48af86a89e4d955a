using NetProg.Services.Check.Udp;

namespace NetProg.Integration.Tests.Check;

/// <summary>The pure parts of the UDP checks: how a reply differs from the datagram sent, and how bytes are quoted.</summary>
public sealed class UdpEchoComparisonTests
{
    [Theory]
    [InlineData("hello", "hello", EchoMismatchKind.Same, 0)]
    [InlineData("", "", EchoMismatchKind.Same, 0)]
    [InlineData("hello world", "hello", EchoMismatchKind.Truncated, 5)]
    [InlineData("x", "", EchoMismatchKind.Truncated, 0)]
    [InlineData("ab\0cd", "ab", EchoMismatchKind.CutAtNul, 2)]
    [InlineData("Short", "Shortaaaa", EchoMismatchKind.ExtraTail, 5)]
    [InlineData("", "old", EchoMismatchKind.ExtraTail, 0)]
    [InlineData("hello", "HELLO", EchoMismatchKind.Different, 0)]
    [InlineData("hello", "help!", EchoMismatchKind.Different, 3)]
    public void Should_name_the_difference_When_a_reply_is_compared_with_what_was_sent(string sent, string received, EchoMismatchKind kind, int offset)
    {
        // Given a datagram sent and the reply that came back
        // When they are compared
        EchoMismatch mismatch = EchoComparison.Compare(Encoding.Latin1.GetBytes(sent), Encoding.Latin1.GetBytes(received));

        // Then the kind of difference and where it starts are named
        Assert.Equal(new EchoMismatch(kind, offset), mismatch);
    }

    [Fact]
    public void Should_escape_every_byte_that_is_not_printable_and_cut_long_data_When_bytes_are_quoted()
    {
        // Given bytes with NUL, controls, non-ASCII, quotes and backslashes, and 100 letters
        byte[] odd = [(byte)'a', 0x00, (byte)'\n', 0x1B, 0xFF, (byte)'\'', (byte)'\\', (byte)'\t', (byte)'\r'];
        byte[] longData = Enumerable.Repeat((byte)'x', 100).ToArray();

        // When they are quoted for an Observed line
        // Then nothing raw is left, and the long data is cut at 40 bytes with an ellipsis
        Assert.Equal(@"'a\x00\n\x1b\xff\'\\\t\r'", BytePreview.Of(odd));
        Assert.Equal("'" + new string('x', 40) + "'…", BytePreview.Of(longData));
        Assert.Equal("''", BytePreview.Of([]));
    }
}
