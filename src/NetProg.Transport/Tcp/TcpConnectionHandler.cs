namespace NetProg.Transport.Tcp;

/// <summary>
/// The application side of a TCP connection: read <see cref="TcpConnection.Input"/>, write <see cref="TcpConnection.Output"/>.
/// When it returns, whatever it wrote is sent, then FIN. <paramref name="stopping"/> fires when the server is shutting down.
/// </summary>
public delegate ValueTask TcpConnectionHandler(TcpConnection connection, CancellationToken stopping);
