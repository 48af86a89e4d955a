namespace NetProg.Capture;

/// <summary>A capture failure with its kind and a message already in plain words (no stack trace reaches the user).</summary>
public sealed class CaptureException : Exception
{
    public CaptureException(CaptureErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public CaptureErrorKind Kind { get; }
}
