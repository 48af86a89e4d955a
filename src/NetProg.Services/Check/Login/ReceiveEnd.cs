namespace NetProg.Services.Check.Login;

/// <summary>How waiting for a server's bytes ended, when it did not bring what was waited for.</summary>
internal enum ReceiveEnd
{
    /// <summary>Still open: more may come.</summary>
    None,

    /// <summary>Nothing (more) came within the wait.</summary>
    Silent,

    /// <summary>The server closed the connection (FIN: recv() returned 0).</summary>
    Closed,

    /// <summary>The connection was reset (RST: ECONNRESET).</summary>
    Reset,

    /// <summary>The server sent more than a login conversation holds (<see cref="LoginConnection.MaxReceived"/>).</summary>
    TooMuch,
}
