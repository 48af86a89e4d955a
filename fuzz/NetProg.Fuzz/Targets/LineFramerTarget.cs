using System.Buffers;
using NetProg.Protocols.Lines;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// <see cref="LineReader"/> fed the way a <c>PipeReader</c> feeds it: the stream arrives in reads of fuzzer-chosen sizes
/// (empty ones included), the unconsumed rest stays buffered across reads, and every buffer is a multi-segment sequence.
/// The lines it returns, and whether it gives up with <see cref="LineReadStatus.TooLong"/>, must equal a plain
/// array-based model of the same rules: LF or CRLF ends a line, content longer than the limit is refused as soon as the
/// buffered bytes prove it.
/// </summary>
/// <remarks>
/// Input: byte 0 picks the limit (0 to 15 below 0x80, so the boundaries are hit often, else the protocol's 4,096);
/// byte 1 seeds the read sizes; the rest is the stream.
/// </remarks>
public sealed class LineFramerTarget : IFuzzTarget
{
    private const int HeaderLength = 2;

    /// <inheritdoc />
    public string Name => "line-framer";

    /// <inheritdoc />
    public string Description => "LineReader.TryReadLine over reads split at random points, against an array model";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < HeaderLength)
        {
            return;
        }

        int maxLength = input[0] < 0x80 ? input[0] % 16 : LineReader.DefaultMaxLineLength;
        byte[] stream = input[HeaderLength..].ToArray();
        int[] reads = ReadBoundaries(input[1], stream.Length);

        (List<(int Start, int End, int RawEnd)> expectedLines, bool expectTooLong) = Model(stream, maxLength);

        var lines = new List<(int Start, int End, int RawEnd)>();
        bool tooLong = false;
        int consumed = 0;
        foreach (int arrived in reads)
        {
            ReadOnlySequence<byte> buffer = Segment.Sequence(stream, consumed, arrived, reads);
            long before = buffer.Length;
            LineReadStatus status;
            while ((status = LineReader.TryReadLine(ref buffer, maxLength, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> raw))
                == LineReadStatus.Line)
            {
                int start = consumed + (int)(before - buffer.Length - raw.Length);
                lines.Add(CheckLine(stream, start, line, raw, maxLength));
            }

            consumed += (int)(before - buffer.Length);
            if (status == LineReadStatus.TooLong)
            {
                tooLong = true;
                break; // the login service answers 500 and closes here
            }
        }

        FuzzInvariantException.Check(
            lines.SequenceEqual(expectedLines),
            $"the framer returned {lines.Count} lines, the model {expectedLines.Count} (limit {maxLength})");
        FuzzInvariantException.Check(tooLong == expectTooLong, $"TooLong {tooLong}, the model says {expectTooLong} (limit {maxLength})");
    }

    private static (int Start, int End, int RawEnd) CheckLine(
        byte[] stream,
        int start,
        in ReadOnlySequence<byte> line,
        in ReadOnlySequence<byte> raw,
        int maxLength)
    {
        byte[] content = line.ToArray();
        byte[] rawBytes = raw.ToArray();
        FuzzInvariantException.Check(content.Length <= maxLength, $"a line of {content.Length} bytes passed the limit {maxLength}");
        FuzzInvariantException.Check(Array.IndexOf(content, (byte)'\n') < 0, "a line's content holds an LF");
        FuzzInvariantException.Check(rawBytes.AsSpan().StartsWith(content), "the raw line does not start with the content");
        ReadOnlySpan<byte> ending = rawBytes.AsSpan(content.Length);
        FuzzInvariantException.Check(ending.SequenceEqual("\n"u8) || ending.SequenceEqual("\r\n"u8), "the raw line does not end in LF or CRLF");
        FuzzInvariantException.Check(
            stream.AsSpan(start, rawBytes.Length).SequenceEqual(rawBytes),
            "the raw line is not the bytes at the reader's position");
        return (start, start + content.Length, start + rawBytes.Length);
    }

    // The rules, restated on one array. Lines before the first too-long one; TooLong when the stream holds one, or
    // ends in more unfinished bytes than any line ending could still make fit.
    private static (List<(int Start, int End, int RawEnd)> Lines, bool TooLong) Model(byte[] stream, int maxLength)
    {
        var lines = new List<(int, int, int)>();
        int position = 0;
        while (true)
        {
            int lineFeed = Array.IndexOf(stream, (byte)'\n', position);
            if (lineFeed < 0)
            {
                int tail = stream.Length - position;
                bool fits = tail <= maxLength || (tail == maxLength + 1 && stream[^1] == (byte)'\r');
                return (lines, !fits);
            }

            int end = lineFeed > position && stream[lineFeed - 1] == (byte)'\r' ? lineFeed - 1 : lineFeed;
            if (end - position > maxLength)
            {
                return (lines, true);
            }

            lines.Add((position, end, lineFeed + 1));
            position = lineFeed + 1;
        }
    }

    // Cumulative read ends: sizes 0 to 7 from a small linear congruential generator, the last read ending the stream.
    private static int[] ReadBoundaries(byte seed, int length)
    {
        var ends = new List<int>();
        uint state = seed * 2654435761u + 1;
        int position = 0;
        while (position < length)
        {
            state = (state * 1103515245) + 12345;
            position = Math.Min(length, position + (int)((state >> 16) % 8));
            ends.Add(position);
        }

        ends.Add(length);
        return [.. ends];
    }
}
