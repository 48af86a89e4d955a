namespace NetProg.Transport.Tcp;

/// <summary>
/// The life of one <see cref="TcpConnection"/>, in one place: open → half-closed either way (the peer's FIN, or ours after
/// the last byte) → draining → closed, with the reason it closed. The receive loop, the send loop, the handler's end, the
/// server's heartbeat and its stop each move it on from their own threads, so every step is one atomic operation and no
/// step is ever undone. A struct kept inside the connection: at 10,000 idle connections an object per connection counts.
/// </summary>
internal struct ConnectionLifecycle
{
    private const int InputEnded = 1;   // The peer's FIN came.
    private const int OutputEnded = 2;  // Our FIN went (shutdown(SHUT_WR), or the close right after the reply).
    private const int Stopping = 4;     // The server is stopping: no new input is taken.
    private const int Closed = 8;       // The socket is closed.
    private const int NoReason = -1;

    private int _steps;
    private int _closeReason;
    private long _lingerDeadline; // Environment.TickCount64 at which to stop waiting for the peer's FIN.
    private bool _handlerDone;
    private bool _closingAtOnce;

    public ConnectionLifecycle()
    {
        _closeReason = NoReason;
        _lingerDeadline = long.MaxValue;
    }

    public readonly ConnectionState State
    {
        get
        {
            var steps = Volatile.Read(in _steps);
            return steps switch
            {
                _ when (steps & Closed) != 0 => ConnectionState.Closed,
                _ when (steps & Stopping) != 0 || (steps & (InputEnded | OutputEnded)) == (InputEnded | OutputEnded) => ConnectionState.Draining,
                _ when (steps & InputEnded) != 0 => ConnectionState.PeerHalfClosed,
                _ when (steps & OutputEnded) != 0 => ConnectionState.HalfClosed,
                _ => ConnectionState.Open,
            };
        }
    }

    /// <summary>Why it closed: the first reason recorded wins; none recorded means it completed.</summary>
    public readonly CloseReason Reason
    {
        get
        {
            var reason = Volatile.Read(in _closeReason);
            return reason == NoReason ? CloseReason.Completed : (CloseReason)reason;
        }
    }

    /// <summary>A reason has been recorded (an abort, a reset, a failed handler).</summary>
    public readonly bool HasReason => Volatile.Read(in _closeReason) != NoReason;

    /// <summary>
    /// The handler returned without failing: the end of its output is the end of the exchange. Set before the output is
    /// completed, read by the send loop after it sees the completion.
    /// </summary>
    public readonly bool HandlerDone => Volatile.Read(in _handlerDone);

    /// <summary>
    /// The peer had sent nothing when the reply was out: no FIN by shutdown(), no wait for the peer's; the close that follows
    /// sends the FIN (see <see cref="CloseAtOnce"/>).
    /// </summary>
    public readonly bool ClosingAtOnce => Volatile.Read(in _closingAtOnce);

    /// <summary>Records <paramref name="reason"/> unless another was recorded first.</summary>
    public void SetReason(CloseReason reason) => Interlocked.CompareExchange(ref _closeReason, (int)reason, NoReason);

    /// <summary>The peer's FIN was read.</summary>
    public void PeerFinished() => Interlocked.Or(ref _steps, InputEnded);

    /// <summary>The server is stopping.</summary>
    public void Stop() => Interlocked.Or(ref _steps, Stopping);

    public void HandlerFinished() => Volatile.Write(ref _handlerDone, true);

    /// <summary>Everything is sent and our FIN went by shutdown(); the linger for the peer's FIN may begin.</summary>
    public void OutputFinished() => Interlocked.Or(ref _steps, OutputEnded);

    /// <summary>Everything is sent to a peer that sent nothing: the close itself sends the FIN, at once.</summary>
    public void CloseAtOnce()
    {
        Volatile.Write(ref _closingAtOnce, true);
        Interlocked.Or(ref _steps, OutputEnded);
    }

    /// <summary>Waits for the peer's FIN until <paramref name="deadline"/> (<see cref="Environment.TickCount64"/>).</summary>
    public void BeginLinger(long deadline) => Volatile.Write(ref _lingerDeadline, deadline);

    /// <summary>The linger begun by <see cref="BeginLinger"/> is over at <paramref name="now"/>.</summary>
    public readonly bool LingerDue(long now) => now >= Volatile.Read(in _lingerDeadline);

    /// <summary>The socket is closed (or about to be, by the caller, right after).</summary>
    public void Close() => Interlocked.Or(ref _steps, Closed);
}
