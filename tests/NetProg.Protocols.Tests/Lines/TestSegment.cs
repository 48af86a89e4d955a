using System.Buffers;

namespace NetProg.Protocols.Tests.Lines;

/// <summary>
/// One segment of a hand-built multi-segment sequence: what a <c>PipeReader</c> hands out after several socket reads,
/// which a single array never exercises.
/// </summary>
internal sealed class TestSegment : ReadOnlySequenceSegment<byte>
{
    private TestSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>A sequence with one segment per part (empty parts make empty segments). Strings are Latin-1: "\xFF" is byte 0xFF.</summary>
    public static ReadOnlySequence<byte> Sequence(params string[] parts)
        => Sequence(parts.Select(Encoding.Latin1.GetBytes).ToArray());

    /// <summary>A sequence with one segment per part.</summary>
    public static ReadOnlySequence<byte> Sequence(params byte[][] parts)
    {
        if (parts.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new TestSegment(parts[0], 0);
        TestSegment last = first;
        foreach (byte[] part in parts.Skip(1))
        {
            var next = new TestSegment(part, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
