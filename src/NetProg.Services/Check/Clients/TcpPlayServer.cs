namespace NetProg.Services.Check.Clients;

/// <summary>
/// netprog's test server for one check of a TCP client: a listener on 127.0.0.1 and an ephemeral port, which accepts
/// the client's first connection. Disposing closes the listener and the connection.
/// </summary>
internal sealed class TcpPlayServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private Socket? _connection;

    public TcpPlayServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(8);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>
    /// The client's connection, or null when none came within <paramref name="timeout"/> or the client exited without
    /// one (a connection it made just before exiting is still taken: it is in the accept queue).
    /// </summary>
    public async Task<Socket?> AcceptAsync(ClientRun client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _connection = await ClientWait.UntilExitAsync(
            token => _listener.AcceptAsync(token).AsTask(), () => _listener.Poll(0, SelectMode.SelectRead), client, timeout, cancellationToken).ConfigureAwait(false);
        return _connection;
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _listener.Dispose();
    }
}
