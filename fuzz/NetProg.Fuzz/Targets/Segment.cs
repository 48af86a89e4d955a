using System.Buffers;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, the shape a <c>PipeReader</c> hands out after several socket
/// reads: a framer that is only ever given one array never meets a CR and its LF in different segments.
/// </summary>
internal sealed class Segment : ReadOnlySequenceSegment<byte>
{
    private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>
    /// <paramref name="data"/>[<paramref name="start"/>..<paramref name="end"/>) split at every boundary in
    /// <paramref name="cuts"/> that falls strictly inside it; equal cuts make empty segments, which are legal.
    /// </summary>
    public static ReadOnlySequence<byte> Sequence(byte[] data, int start, int end, IReadOnlyList<int> cuts)
    {
        Segment? first = null;
        Segment? last = null;
        int from = start;
        foreach (int cut in cuts)
        {
            if (cut < from || cut >= end)
            {
                continue;
            }

            Append(ref first, ref last, data.AsMemory(from, cut - from));
            from = cut;
        }

        Append(ref first, ref last, data.AsMemory(from, end - from));
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private static void Append(ref Segment? first, ref Segment? last, ReadOnlyMemory<byte> memory)
    {
        if (last is null)
        {
            first = last = new Segment(memory, 0);
            return;
        }

        var next = new Segment(memory, last.RunningIndex + last.Memory.Length);
        last.Next = next;
        last = next;
    }
}
