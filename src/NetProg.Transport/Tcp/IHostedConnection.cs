namespace NetProg.Transport.Tcp;

/// <summary>
/// What <see cref="TcpServer"/> needs of every connection it serves, whatever drives its bytes: how long it has been idle
/// (the heartbeat's idle timeout), how to tell it the server stops, and how to end it.
/// </summary>
internal interface IHostedConnection
{
    /// <summary>Milliseconds since the last byte either way.</summary>
    long IdleMilliseconds { get; }

    /// <summary>The server is stopping: stop waiting for input that will not be served.</summary>
    void StopReceiving();

    /// <summary>Ends the connection at once (idle timeout, shutdown timeout), recording why.</summary>
    void Abort(CloseReason reason);

    /// <summary>The heartbeat's tick at <paramref name="now"/> (<see cref="Environment.TickCount64"/>): end a wait that is due.</summary>
    void EndLingerIfDue(long now);
}
