namespace NetProg.Services.Check;

/// <summary>The check could not be done at all (the program would not start, a --targets file is unreadable): one line for the user, exit code 1.</summary>
public sealed class CheckException : Exception
{
    public CheckException()
    {
    }

    public CheckException(string message)
        : base(message)
    {
    }

    public CheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
