namespace NetProg.Transport.Tcp;

/// <summary>
/// A connection whose handler drives the accepted <see cref="Socket"/> itself instead of reading and writing pipes:
/// <c>forward</c>'s relay, which copies between two sockets through bounded buffers of its own, so that no pipe and no
/// extra hop stand between the two kernels' buffers. The <see cref="TcpServer"/> still does all the rest, as for every
/// other connection: it accepts it, admits it against its limits, times it out when idle, waits for it on stop and aborts
/// it after the shutdown timeout.
/// </summary>
public abstract class SocketConnection : IHostedConnection
{
    /// <summary>The client, for the log line of a connection that failed.</summary>
    public abstract IPEndPoint RemoteEndPoint { get; }

    /// <summary>Milliseconds since the last byte either way.</summary>
    public abstract long IdleMilliseconds { get; }

    /// <summary>Serves the connection to its end; closes the socket before it returns.</summary>
    public abstract Task RunAsync(CancellationToken stopping);

    /// <summary>Ends the connection at once (<see cref="CloseReason.IdleTimeout"/>, <see cref="CloseReason.ServerStopped"/>).</summary>
    public abstract void Abort(CloseReason reason);

    /// <summary>
    /// Called once, after <see cref="RunAsync"/> has returned and the server has freed the connection's slot: report it
    /// here, so that a client that connects again as soon as it hears of the end finds the slot free.
    /// </summary>
    public virtual void Ended()
    {
    }

    // A relay runs on when the server stops, until both sides have closed or the shutdown timeout aborts it: a transfer in
    // progress through a forwarder is finished, not cut.
    void IHostedConnection.StopReceiving()
    {
    }

    void IHostedConnection.EndLingerIfDue(long now)
    {
    }
}
