namespace NetProg.Transport.Tcp;

/// <summary>Why a connection ended, for the per-client log line.</summary>
public enum CloseReason
{
    /// <summary>The handler finished and everything was sent.</summary>
    Completed,
    /// <summary>The peer reset the connection or vanished.</summary>
    PeerReset,
    /// <summary>Nothing was received or sent for <see cref="TcpServerOptions.IdleTimeout"/>.</summary>
    IdleTimeout,
    /// <summary>The server was stopping and the connection did not finish within <see cref="TcpServerOptions.ShutdownTimeout"/>.</summary>
    ServerStopped,
    /// <summary>The handler failed.</summary>
    Error,
}
