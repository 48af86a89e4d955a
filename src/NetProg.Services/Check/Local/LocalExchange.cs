namespace NetProg.Services.Check.Local;

/// <summary>One short client of a local check: whether it was served (else why not), and its socket when kept open.</summary>
internal sealed class LocalExchange(Socket? socket, IPEndPoint? local, string? problem) : IDisposable
{
    /// <summary>The connection, still open, when the check asked to keep it; otherwise null.</summary>
    public Socket? Socket { get; } = socket;

    /// <summary>The client's own address, to find the server's side of the connection in the socket table.</summary>
    public IPEndPoint? Local { get; } = local;

    /// <summary>Why the client was not served (refused, reset, no reply within the timeout), or null.</summary>
    public string? Problem { get; } = problem;

    public bool Served => Problem is null;

    public void Dispose() => Socket?.Dispose();
}
