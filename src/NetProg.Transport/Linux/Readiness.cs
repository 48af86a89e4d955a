using System.Threading.Tasks.Sources;

namespace NetProg.Transport.Linux;

/// <summary>
/// One direction (read or write) of an edge-triggered socket: the epoll loop counts readiness events in
/// <see cref="Sequence"/>, and one waiter at a time awaits "an event after the one I saw". Taking the sequence number before
/// the system call that returned EAGAIN closes the lost-wake-up window between that call and the wait (the scheme of .NET's
/// own SocketAsyncContext). The continuation runs on the signalling thread: on the epoll thread, that is the point.
/// </summary>
internal sealed class Readiness : IValueTaskSource<int>
{
    private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = false };
    private long _sequence;
    private int _waiting;

    public long Sequence => Volatile.Read(ref _sequence);

    /// <summary>
    /// Completes when an event newer than <paramref name="observed"/> has come (at once if one already has). The result means
    /// nothing; it is a <c>ValueTask&lt;int&gt;</c> so that a wait for data has the type of the zero-byte receive it replaces.
    /// </summary>
    public ValueTask<int> WaitAsync(long observed)
    {
        _core.Reset();
        // A full fence between publishing the waiter and re-reading the sequence, as Signal has between its increment and its
        // look for a waiter: at least one side sees the other (Dekker), and the exchange on _waiting decides which completes.
        Interlocked.Exchange(ref _waiting, 1);
        if (Volatile.Read(ref _sequence) != observed && Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            return new ValueTask<int>(0);
        }

        return new ValueTask<int>(this, _core.Version);
    }

    /// <summary>An event came (or an abort or stop wants the waiter to look again): wake the waiter, if any, on this thread.</summary>
    public void Signal()
    {
        Interlocked.Increment(ref _sequence);
        if (Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            _core.SetResult(0);
        }
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
