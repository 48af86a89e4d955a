namespace NetProg.Services.Check.Tcp;

/// <summary>
/// Pure comparison of an echo with what was sent: its shape, how many leading bytes agree, and the shapes of the classic
/// bugs (an echo cut at a NUL byte by strlen(), an old message's tail after a shorter one, a block dropped by an
/// unchecked short send()).
/// </summary>
public readonly record struct EchoComparison(EchoShape Shape, int Matched)
{
    /// <summary>Bytes looked for after a gap to find where the echo goes on (a unique position in the bulk pattern).</summary>
    private const int ResyncSample = 64;

    public static EchoComparison Of(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> received)
    {
        var matched = sent.CommonPrefixLength(received);
        var shape = matched == sent.Length
            ? (received.Length == sent.Length ? EchoShape.Exact : EchoShape.Extra)
            : (matched == received.Length ? EchoShape.Short : EchoShape.Differs);
        return new EchoComparison(shape, matched);
    }

    /// <summary>True when the echo is what was sent up to, not including, a NUL byte: C string functions stopped there.</summary>
    public static bool StopsAtNul(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> received) =>
        Of(sent, received).Shape == EchoShape.Short && sent[received.Length] == 0;

    /// <summary>
    /// True when the echo of <paramref name="sent"/> goes on with the bytes <paramref name="previous"/> (a longer message sent
    /// before) had at those positions: the buffer still held them and the length did not come from recv().
    /// </summary>
    public static bool HasStaleTail(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> received, ReadOnlySpan<byte> previous) =>
        Of(sent, received).Shape == EchoShape.Extra
        && received.Length <= previous.Length
        && received[sent.Length..].SequenceEqual(previous[sent.Length..received.Length]);

    /// <summary>
    /// When the echo skips bytes at <paramref name="at"/> and then goes on in step (what a dropped short send() leaves), how
    /// many were skipped; null when what follows is not found further on in <paramref name="sent"/>.
    /// </summary>
    public static int? GapAt(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> received, int at)
    {
        if (at >= received.Length || at >= sent.Length)
        {
            return null;
        }

        var sample = received.Slice(at, Math.Min(ResyncSample, received.Length - at));
        var found = sent[(at + 1)..].IndexOf(sample);
        return found < 0 ? null : found + 1;
    }
}
