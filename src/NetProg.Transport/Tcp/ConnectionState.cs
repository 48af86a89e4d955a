namespace NetProg.Transport.Tcp;

/// <summary>Where a <see cref="TcpConnection"/> is in its life (<see cref="ConnectionLifecycle"/>).</summary>
public enum ConnectionState
{
    /// <summary>Both directions open.</summary>
    Open,

    /// <summary>The peer sent its FIN (it will send nothing more); the server may still send (RFC 9293 §3.6, half-close).</summary>
    PeerHalfClosed,

    /// <summary>The server sent everything and its FIN; it still reads, waiting for the peer's FIN (the linger).</summary>
    HalfClosed,

    /// <summary>
    /// Finishing: the server is stopping (no new input is taken, what was read is answered), or both FINs have gone and the
    /// socket is about to close.
    /// </summary>
    Draining,

    /// <summary>The socket is closed; <see cref="TcpConnection"/>'s close reason says why.</summary>
    Closed,
}
