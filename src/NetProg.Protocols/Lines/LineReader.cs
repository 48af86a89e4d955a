using System.Buffers;

namespace NetProg.Protocols.Lines;

/// <summary>
/// Splits a byte stream into lines ended by LF or CRLF, with a length limit, over the <see cref="ReadOnlySequence{T}"/>
/// a <c>PipeReader</c> hands out (the shape of davidfowl/TcpEcho's <c>TryReadLine</c>).
/// </summary>
/// <remarks>
/// <para>
/// Both endings are accepted because real clients send both: telnet and <c>nc -C</c> send CRLF (the network line ending,
/// RFC 5198 section 2), the course's C client sends what <c>fgets()</c> left, a bare LF. Only a CR directly before the
/// LF belongs to the ending; a CR anywhere else is passed on as content: RFC 5198 forbids a bare CR, but an echo must
/// not alter bytes, and the login commands simply fail to match.
/// </para>
/// <para>
/// Use: loop while the status is <see cref="LineReadStatus.Line"/>, then <c>reader.AdvanceTo(buffer.Start, buffer.End)</c>.
/// Bytes after the last LF when the input ends (a final line without LF) are neither returned nor reported: they are
/// still in <c>buffer</c>, and whether they count as a line is the caller's business (the login service drops them,
/// as the peer closed before finishing its line).
/// </para>
/// </remarks>
public static class LineReader
{
    /// <summary>The longest accepted line's content in bytes, not counting its LF or CRLF: the protocol's 4,096-byte limit.</summary>
    public const int DefaultMaxLineLength = 4096;

    /// <summary>
    /// Finds the next line in <paramref name="buffer"/>. On <see cref="LineReadStatus.Line"/>, <paramref name="line"/> is
    /// its content without LF or CRLF and <paramref name="buffer"/> starts after the LF; otherwise both are left as they were.
    /// </summary>
    /// <param name="buffer">The unread bytes; advanced past the line on success.</param>
    /// <param name="maxLength">
    /// The longest accepted content in bytes, 0 or more. At most <paramref name="maxLength"/> + 2 bytes are searched: a
    /// longer line is reported as <see cref="LineReadStatus.TooLong"/> without scanning the rest.
    /// </param>
    /// <param name="line">The content, a slice of the original buffer (valid until the caller advances its reader).</param>
    /// <returns>
    /// <see cref="LineReadStatus.TooLong"/> as soon as the buffered bytes prove the content is longer than
    /// <paramref name="maxLength"/>: an LF too far away, or <paramref name="maxLength"/> + 1 bytes without LF whose last
    /// byte is not a CR (only a CRLF could still end the line in time). Otherwise <see cref="LineReadStatus.NeedMoreData"/>.
    /// </returns>
    public static LineReadStatus TryReadLine(ref ReadOnlySequence<byte> buffer, int maxLength, out ReadOnlySequence<byte> line)
        => TryReadLine(ref buffer, maxLength, out line, out _);

    /// <summary>
    /// As <see cref="TryReadLine(ref ReadOnlySequence{byte}, int, out ReadOnlySequence{byte})"/>, and also gives the raw
    /// line: the content followed by its original LF or CRLF, which an echo sends back verbatim.
    /// </summary>
    /// <param name="buffer">The unread bytes; advanced past the line on success.</param>
    /// <param name="maxLength">The longest accepted content in bytes, 0 or more.</param>
    /// <param name="line">The content without its ending.</param>
    /// <param name="rawLine">The content and its ending, exactly as received; empty unless the status is <see cref="LineReadStatus.Line"/>.</param>
    public static LineReadStatus TryReadLine(
        ref ReadOnlySequence<byte> buffer,
        int maxLength,
        out ReadOnlySequence<byte> line,
        out ReadOnlySequence<byte> rawLine)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        line = default;
        rawLine = default;

        // The longest acceptable raw line is the content plus CR plus LF; an LF further away cannot end an acceptable
        // line, so a flood of bytes without LF costs one bounded scan, not one per read. long: no overflow near int.MaxValue.
        long window = Math.Min(buffer.Length, (long)maxLength + 2);
        SequencePosition? lineFeed = buffer.Slice(0, window).PositionOf((byte)'\n');
        if (lineFeed is null)
        {
            // maxLength + 1 bytes end in CR: "...CR" + LF would still be a line of exactly maxLength bytes.
            bool mayStillFit = buffer.Length <= maxLength
                || (buffer.Length == maxLength + 1L && ByteAt(buffer, maxLength) == (byte)'\r');
            return mayStillFit ? LineReadStatus.NeedMoreData : LineReadStatus.TooLong;
        }

        ReadOnlySequence<byte> content = buffer.Slice(0, lineFeed.Value);
        if (!content.IsEmpty && ByteAt(content, content.Length - 1) == (byte)'\r')
        {
            content = content.Slice(0, content.Length - 1);
        }

        if (content.Length > maxLength)
        {
            // maxLength + 1 content bytes and then LF (no CR before it).
            return LineReadStatus.TooLong;
        }

        SequencePosition afterLineFeed = buffer.GetPosition(1, lineFeed.Value);
        line = content;
        rawLine = buffer.Slice(0, afterLineFeed);
        buffer = buffer.Slice(afterLineFeed);
        return LineReadStatus.Line;
    }

    // CopyTo walks segments, so this is right wherever the segment boundaries (even empty segments) fall.
    private static byte ByteAt(in ReadOnlySequence<byte> sequence, long index)
    {
        Span<byte> one = stackalloc byte[1];
        sequence.Slice(index, 1).CopyTo(one);
        return one[0];
    }
}
