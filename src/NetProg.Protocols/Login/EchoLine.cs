namespace NetProg.Protocols.Login;

/// <summary>
/// Send back the line just given to <see cref="LoginSession.OnLine(ReadOnlySpan{byte})"/>, verbatim with its original
/// LF or CRLF (the raw line from <see cref="Lines.LineReader"/>). It carries no bytes: the service still holds them, and
/// copying every echoed line into an action would cost an allocation per line.
/// </summary>
public sealed record EchoLine : LoginAction
{
    private EchoLine()
    {
    }

    /// <summary>The only instance: the action has no data.</summary>
    public static EchoLine Instance { get; } = new();
}
