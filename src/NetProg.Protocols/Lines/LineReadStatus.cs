namespace NetProg.Protocols.Lines;

/// <summary>What <see cref="LineReader.TryReadLine(ref System.Buffers.ReadOnlySequence{byte}, int, out System.Buffers.ReadOnlySequence{byte})"/> found.</summary>
public enum LineReadStatus
{
    /// <summary>A complete line; the buffer was advanced past its LF.</summary>
    Line,

    /// <summary>No LF yet, and the line can still turn out short enough: read more, then try again. The buffer is unchanged.</summary>
    NeedMoreData,

    /// <summary>
    /// The buffered bytes prove the line's content exceeds the limit. The buffer is unchanged; the protocol answers
    /// <c>500 line too long</c> and closes, so nothing is resynchronised.
    /// </summary>
    TooLong,
}
