namespace NetProg.Services.Check.Tcp;

/// <summary>How an echo compares with what was sent.</summary>
public enum EchoShape
{
    /// <summary>Byte for byte what was sent.</summary>
    Exact,

    /// <summary>The start of what was sent, and nothing else: the rest is missing.</summary>
    Short,

    /// <summary>Everything that was sent, then more bytes that were not.</summary>
    Extra,

    /// <summary>A byte differs from what was sent at <see cref="EchoComparison.Matched"/>.</summary>
    Differs,
}
