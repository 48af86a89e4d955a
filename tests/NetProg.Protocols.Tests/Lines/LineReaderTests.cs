using System.Buffers;
using NetProg.Protocols.Lines;

namespace NetProg.Protocols.Tests.Lines;

public sealed class LineReaderTests
{
    private const int Max = LineReader.DefaultMaxLineLength;

    [Fact]
    public void Should_limit_lines_to_4096_bytes_by_default()
    {
        // Given the issue: "a line longer than 4,096 bytes -> 500 line too long"
        // Then
        Assert.Equal(4096, LineReader.DefaultMaxLineLength);
    }

    [Theory]
    [InlineData("hello\n")]
    [InlineData("hello\r\n")]
    public void Should_read_a_line_ended_by_LF_or_CRLF_without_its_ending(string input)
    {
        // Given a buffer holding one line with either ending (the issue: "LF or CRLF accepted")
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(input);

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line);

        // Then the content comes without the ending and the buffer is consumed
        Assert.Equal(LineReadStatus.Line, status);
        Assert.Equal("hello", Text(line));
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData("hello\n")]
    [InlineData("hello\r\n")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("a\rb\r\r\n")]
    public void Should_give_the_raw_line_with_its_original_ending_for_the_echo(string input)
    {
        // Given a line (the issue: "after 230, every line is echoed back verbatim")
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(input);

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> raw);

        // Then the raw line is exactly the bytes received, and the content is the raw line minus LF or CRLF
        Assert.Equal(LineReadStatus.Line, status);
        Assert.Equal(input, Text(raw));
        Assert.Equal(input.EndsWith("\r\n", StringComparison.Ordinal) ? input[..^2] : input[..^1], Text(line));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Should_read_an_empty_line(string input)
    {
        // Given an empty line
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(input);

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line);

        // Then
        Assert.Equal(LineReadStatus.Line, status);
        Assert.True(line.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Should_read_many_lines_from_one_buffer_and_leave_the_unfinished_rest()
    {
        // Given several lines with mixed endings in one read, and the start of another
        ReadOnlySequence<byte> buffer = TestSegment.Sequence("one\ntwo\r\n\nthree\r\n\r\nrest");

        // When reading until more data is needed
        List<string> lines = ReadAll(ref buffer, Max, out LineReadStatus last);

        // Then every complete line came out in order, and the unfinished one stays buffered for the caller
        Assert.Equal(["one", "two", "", "three", ""], lines);
        Assert.Equal(LineReadStatus.NeedMoreData, last);
        Assert.Equal("rest", Text(buffer));
    }

    [Theory]
    [InlineData("a\rb\n", "a\rb")]
    [InlineData("a\r\r\n", "a\r")]
    [InlineData("\r\rx\n", "\r\rx")]
    [InlineData("\r\n\r\n", "")]
    public void Should_strip_only_the_CR_directly_before_the_LF(string input, string expected)
    {
        // Given CRs that are not part of the line ending
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(input);

        // When
        LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line);

        // Then they are content
        Assert.Equal(expected, Text(line));
    }

    [Theory]
    [InlineData("")]
    [InlineData("partial")]
    [InlineData("partial\r")]
    [InlineData("\r")]
    public void Should_need_more_data_and_leave_the_buffer_unchanged_without_LF(string input)
    {
        // Given bytes without LF, e.g. a final line when the input ends (the caller decides what it means)
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(input);

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> raw);

        // Then nothing is consumed
        Assert.Equal(LineReadStatus.NeedMoreData, status);
        Assert.Equal(input, Text(buffer));
        Assert.True(line.IsEmpty);
        Assert.True(raw.IsEmpty);
    }

    [Fact]
    public void Should_read_a_line_spread_over_several_segments()
    {
        // Given a line that arrived in three reads
        ReadOnlySequence<byte> buffer = TestSegment.Sequence("he", "llo wor", "ld\nnext");

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line);

        // Then
        Assert.Equal(LineReadStatus.Line, status);
        Assert.Equal("hello world", Text(line));
        Assert.Equal("next", Text(buffer));
    }

    [Fact]
    public void Should_strip_a_CRLF_split_across_segments()
    {
        // Given CR at the end of one read and LF at the start of the next
        ReadOnlySequence<byte> buffer = TestSegment.Sequence("hello\r", "\nworld\r", "\n");

        // When
        List<string> lines = ReadAll(ref buffer, Max, out _);

        // Then the CR still belongs to the ending
        Assert.Equal(["hello", "world"], lines);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Should_wait_for_the_LF_after_a_CR_at_the_end_of_the_buffer_and_then_strip_both()
    {
        // Given a CR that ends the data read so far
        ReadOnlySequence<byte> buffer = TestSegment.Sequence("hello\r");
        Assert.Equal(LineReadStatus.NeedMoreData, LineReader.TryReadLine(ref buffer, Max, out _));

        // When the LF arrives in the next read
        buffer = TestSegment.Sequence("hello\r", "\n");
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> raw);

        // Then
        Assert.Equal(LineReadStatus.Line, status);
        Assert.Equal("hello", Text(line));
        Assert.Equal("hello\r\n", Text(raw));
    }

    [Fact]
    public void Should_ignore_empty_segments()
    {
        // Given empty segments around and between every byte of the ending
        ReadOnlySequence<byte> buffer = TestSegment.Sequence("", "ab", "", "\r", "", "\n", "", "c", "");

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> raw);

        // Then
        Assert.Equal(LineReadStatus.Line, status);
        Assert.Equal("ab", Text(line));
        Assert.Equal("ab\r\n", Text(raw));
        Assert.Equal("c", Text(buffer));
    }

    [Fact]
    public void Should_read_the_same_lines_wherever_the_reads_split_the_stream()
    {
        // Given one stream, cut into 1, 2 and 3 segments at every possible pair of points
        const string input = "ab\r\n\ncd\r\ne\rf\n\r\ng";
        string[] expected = ["ab", "", "cd", "e\rf", ""];
        for (int i = 0; i <= input.Length; i++)
        {
            for (int j = i; j <= input.Length; j++)
            {
                ReadOnlySequence<byte> buffer = TestSegment.Sequence(input[..i], input[i..j], input[j..]);

                // When
                var raw = new StringBuilder();
                var lines = new List<string>();
                while (LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> rawLine) == LineReadStatus.Line)
                {
                    lines.Add(Text(line));
                    raw.Append(Text(rawLine));
                }

                // Then the split never shows: same lines, raw lines reassemble the input, the tail stays
                Assert.Equal(expected, lines);
                Assert.Equal(input[..^1], raw.ToString());
                Assert.Equal("g", Text(buffer));
            }
        }
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Should_accept_a_line_of_exactly_4096_bytes(string ending)
    {
        // Given the longest allowed line, split so the ending sits in its own segment
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(new string('x', 4000), new string('x', 96), ending);

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> raw);

        // Then the limit counts content only, not the ending
        Assert.Equal(LineReadStatus.Line, status);
        Assert.Equal(4096, line.Length);
        Assert.Equal(4096 + ending.Length, raw.Length);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Should_report_a_line_of_4097_bytes_as_too_long_and_consume_nothing(string ending)
    {
        // Given one byte over the limit (the issue: "a line longer than 4,096 bytes -> 500 line too long")
        string input = new string('x', 4097) + ending;
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(input);

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> raw);

        // Then
        Assert.Equal(LineReadStatus.TooLong, status);
        Assert.Equal(input.Length, buffer.Length);
        Assert.True(line.IsEmpty);
        Assert.True(raw.IsEmpty);
    }

    [Fact]
    public void Should_report_too_long_as_soon_as_4097_bytes_without_LF_arrived()
    {
        // Given 4097 content bytes and no LF yet: no ending can make that line short enough
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(new string('x', 4097));

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out _);

        // Then the reader does not wait for the LF (a client could otherwise hold the connection until the idle timeout)
        Assert.Equal(LineReadStatus.TooLong, status);
    }

    [Fact]
    public void Should_wait_while_4096_bytes_have_no_LF()
    {
        // Given exactly the limit and no ending yet
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(new string('x', 4096));

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out _);

        // Then an LF or CRLF may still come
        Assert.Equal(LineReadStatus.NeedMoreData, status);
    }

    [Fact]
    public void Should_wait_after_4096_bytes_and_a_CR_since_an_LF_may_complete_the_CRLF()
    {
        // Given the limit plus a CR, CR and LF split across reads
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(new string('x', 4096) + "\r");

        // When / Then: not too long yet ...
        Assert.Equal(LineReadStatus.NeedMoreData, LineReader.TryReadLine(ref buffer, Max, out _));

        // ... and with the LF a line of exactly 4096 bytes
        buffer = TestSegment.Sequence(new string('x', 4096) + "\r", "\n");
        Assert.Equal(LineReadStatus.Line, LineReader.TryReadLine(ref buffer, Max, out ReadOnlySequence<byte> line));
        Assert.Equal(4096, line.Length);
    }

    [Fact]
    public void Should_report_too_long_when_the_CR_after_4096_bytes_is_not_followed_by_LF()
    {
        // Given the limit, a CR, then content: that CR is content, so the line has more than 4096 bytes
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(new string('x', 4096) + "\r", "y\n");

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out _);

        // Then
        Assert.Equal(LineReadStatus.TooLong, status);
    }

    [Fact]
    public void Should_report_too_long_without_scanning_for_a_far_LF()
    {
        // Given a megabyte before the LF
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(new string('x', 1 << 20) + "\n");

        // When
        LineReadStatus status = LineReader.TryReadLine(ref buffer, Max, out _);

        // Then the LF beyond the limit does not make it a line
        Assert.Equal(LineReadStatus.TooLong, status);
    }

    [Fact]
    public void Should_return_the_lines_before_a_too_long_one()
    {
        // Given a good line followed by an oversized one in the same read
        ReadOnlySequence<byte> buffer = TestSegment.Sequence("ok\r\n" + new string('x', 5000));

        // When
        List<string> lines = ReadAll(ref buffer, Max, out LineReadStatus last);

        // Then the good line is not lost, and the oversized one stays in the buffer
        Assert.Equal(["ok"], lines);
        Assert.Equal(LineReadStatus.TooLong, last);
        Assert.Equal(5000, buffer.Length);
    }

    [Theory]
    [InlineData("\n", LineReadStatus.Line)]
    [InlineData("\r\n", LineReadStatus.Line)]
    [InlineData("\r", LineReadStatus.NeedMoreData)]
    [InlineData("x", LineReadStatus.TooLong)]
    [InlineData("x\n", LineReadStatus.TooLong)]
    [InlineData("\r\r\n", LineReadStatus.TooLong)]
    public void Should_apply_a_limit_of_zero_to_the_content_only(string input, LineReadStatus expected)
    {
        // Given a limit of 0 bytes: only empty lines fit
        ReadOnlySequence<byte> buffer = TestSegment.Sequence(input);

        // When / Then
        Assert.Equal(expected, LineReader.TryReadLine(ref buffer, 0, out _));
    }

    [Fact]
    public void Should_reject_a_negative_limit()
    {
        // Given / When / Then
        ReadOnlySequence<byte> buffer = TestSegment.Sequence("x\n");
        Assert.Throws<ArgumentOutOfRangeException>(() => LineReader.TryReadLine(ref buffer, -1, out _));
    }

    private static List<string> ReadAll(ref ReadOnlySequence<byte> buffer, int maxLength, out LineReadStatus last)
    {
        var lines = new List<string>();
        while ((last = LineReader.TryReadLine(ref buffer, maxLength, out ReadOnlySequence<byte> line)) == LineReadStatus.Line)
        {
            lines.Add(Text(line));
        }

        return lines;
    }

    private static string Text(ReadOnlySequence<byte> bytes) => Encoding.Latin1.GetString(bytes.ToArray());
}
