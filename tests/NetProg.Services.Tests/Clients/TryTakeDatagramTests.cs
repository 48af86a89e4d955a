using System.Buffers;
using NetProg.Services.Clients;

namespace NetProg.Services.Tests.Clients;

public sealed class TryTakeDatagramTests
{
    private const int Max = EchoClient.MaxDatagramPayload;

    [Fact]
    public void Should_take_a_line_with_its_LF_and_leave_the_rest()
    {
        // Given buffered input with one full line and the start of another
        var buffer = new ReadOnlySequence<byte>("hello\nwor"u8.ToArray());

        // When a datagram is taken while more input may come
        var taken = EchoClient.TryTakeDatagram(ref buffer, inputEnded: false, out var datagram);

        // Then it is the line with its LF, and the partial line stays buffered
        Assert.True(taken);
        Assert.Equal("hello\n"u8.ToArray(), datagram.ToArray());
        Assert.Equal("wor"u8.ToArray(), buffer.ToArray());
    }

    [Fact]
    public void Should_wait_for_more_input_on_a_partial_line()
    {
        // Given a partial line and more input to come
        var buffer = new ReadOnlySequence<byte>("wor"u8.ToArray());

        // When a datagram is asked for
        var taken = EchoClient.TryTakeDatagram(ref buffer, inputEnded: false, out _);

        // Then none is taken and nothing is consumed
        Assert.False(taken);
        Assert.Equal(3, buffer.Length);
    }

    [Fact]
    public void Should_take_the_unterminated_rest_at_the_end_of_input()
    {
        // Given a last line without LF, and the input has ended
        var buffer = new ReadOnlySequence<byte>("no newline"u8.ToArray());

        // When datagrams are taken
        var taken = EchoClient.TryTakeDatagram(ref buffer, inputEnded: true, out var datagram);
        var more = EchoClient.TryTakeDatagram(ref buffer, inputEnded: true, out _);

        // Then the rest goes out as it is, and then there is nothing left
        Assert.True(taken);
        Assert.Equal("no newline"u8.ToArray(), datagram.ToArray());
        Assert.False(more);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Should_take_exactly_the_largest_datagram_of_a_line_without_LF_even_before_the_input_ends()
    {
        // Given exactly 65,507 bytes without LF, more input to come
        var buffer = new ReadOnlySequence<byte>(Line(Max));

        // When a datagram is taken
        var taken = EchoClient.TryTakeDatagram(ref buffer, inputEnded: false, out var datagram);

        // Then all 65,507 go out at once: waiting would not make them fit a datagram any better
        Assert.True(taken);
        Assert.Equal(Max, datagram.Length);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Should_cut_a_longer_line_at_the_largest_datagram()
    {
        // Given 65,507 bytes, then an LF and another line
        byte[] data = [.. Line(Max), (byte)'\n', .. "next\n"u8];
        var buffer = new ReadOnlySequence<byte>(data);

        // When datagrams are taken
        Assert.True(EchoClient.TryTakeDatagram(ref buffer, inputEnded: false, out var first));
        Assert.True(EchoClient.TryTakeDatagram(ref buffer, inputEnded: false, out var second));
        Assert.True(EchoClient.TryTakeDatagram(ref buffer, inputEnded: false, out var third));

        // Then the long line is one full datagram, its LF the next, and the following line is whole
        Assert.Equal(Max, first.Length);
        Assert.Equal("\n"u8.ToArray(), second.ToArray());
        Assert.Equal("next\n"u8.ToArray(), third.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Should_take_a_line_of_exactly_the_largest_datagram_including_its_LF_in_one_piece()
    {
        // Given 65,506 bytes and an LF: 65,507 in all
        byte[] data = [.. Line(Max - 1), (byte)'\n'];
        var buffer = new ReadOnlySequence<byte>(data);

        // When a datagram is taken
        var taken = EchoClient.TryTakeDatagram(ref buffer, inputEnded: false, out var datagram);

        // Then the whole line with its LF is one datagram
        Assert.True(taken);
        Assert.Equal(Max, datagram.Length);
        Assert.Equal((byte)'\n', datagram.ToArray()[^1]);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Should_take_nothing_from_empty_input()
    {
        // Given no input at all, and it has ended
        var buffer = ReadOnlySequence<byte>.Empty;

        // When a datagram is asked for
        // Then there is none: an empty input sends no empty datagram
        Assert.False(EchoClient.TryTakeDatagram(ref buffer, inputEnded: true, out _));
    }

    private static byte[] Line(int length) => Enumerable.Repeat((byte)'x', length).ToArray();
}
