using System.Threading.Channels;

namespace NetProg.Services.Login;

/// <summary>
/// The bookkeeping of a login (the store's last-login time and failure count, a hash upgrade), done off the connection's
/// path by one background task, in order. A connection that waited for it would answer its next command ~2 ms later for a
/// real account than for an unknown name (an SQLite write), and a client that pipelines <c>PASS</c> and its next command
/// could tell which names exist (CWE-208, observable timing discrepancy). Bounded: when <see cref="Capacity"/> writes are
/// waiting (a store that stopped answering, a flood of logins), a new one is dropped and counted, never waited for.
/// </summary>
internal sealed class LoginRecords : IAsyncDisposable
{
    /// <summary>Writes waiting at the most.</summary>
    public const int Capacity = 1024;

    private readonly Channel<Func<Task>> _queue = Channel.CreateBounded<Func<Task>>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once instead of dropping an older write.
    });

    private readonly TimeSpan _drainTimeout;
    private readonly Task _writer;
    private long _dropped;

    public LoginRecords(TimeSpan drainTimeout)
    {
        _drainTimeout = drainTimeout;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Writes dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="write"/>; false (and counted) when the queue is full or closed. Never waits.</summary>
    public bool TryAdd(Func<Task> write)
    {
        if (_queue.Writer.TryWrite(write))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Every write queued so far is done (or failed). For tests and for an orderly stop.</summary>
    public async Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            // Waits for room when the queue is full: the marker must come after every write queued so far.
            await _queue.Writer.WriteAsync(() =>
            {
                done.SetResult();
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return; // Disposed: DisposeAsync writes out what is queued.
        }

        await done.Task.ConfigureAwait(false);
    }

    /// <summary>Stops taking writes and waits (at most the drain timeout) for those queued: a stopping server loses none.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(_drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The store stopped answering: do not hang the stop on it.
        }
    }

    private async Task WriteAsync()
    {
        await foreach (var write in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await write().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Each write logs its own store failures; anything else must not end the writer for the next logins.
            }
        }
    }
}
