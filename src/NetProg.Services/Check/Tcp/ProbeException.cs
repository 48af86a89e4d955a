namespace NetProg.Services.Check.Tcp;

/// <summary>A check's connection could not be made; the message is the Observed text (refused, timed out).</summary>
internal sealed class ProbeException : Exception
{
    public ProbeException()
    {
    }

    public ProbeException(string message)
        : base(message)
    {
    }

    public ProbeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
