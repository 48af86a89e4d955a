namespace NetProg.Transport.Client;

/// <summary>A connected client socket, and what it took to get it.</summary>
public sealed class TcpClientConnection : IDisposable
{
    internal TcpClientConnection(Socket socket, IPEndPoint remoteEndPoint, IReadOnlyList<ConnectAttempt> failedAttempts, TimeSpan connectTime)
    {
        Socket = socket;
        RemoteEndPoint = remoteEndPoint;
        FailedAttempts = failedAttempts;
        ConnectTime = connectTime;
    }

    public Socket Socket { get; }

    /// <summary>The address that answered.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>Addresses of the name tried before it, and why they failed.</summary>
    public IReadOnlyList<ConnectAttempt> FailedAttempts { get; }

    /// <summary>SYN to SYN-ACK as the client saw it: one round trip.</summary>
    public TimeSpan ConnectTime { get; }

    public void Dispose() => Socket.Dispose();
}
