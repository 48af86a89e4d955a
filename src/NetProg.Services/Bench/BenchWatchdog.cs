using System.Collections.Concurrent;

namespace NetProg.Services.Bench;

/// <summary>
/// One timer for every connection of a run (as a server's heartbeat): a connection waiting for a reply for longer than the
/// timeout is expired. Cheaper than a cancellable timeout per receive, which would add a timer-queue operation per round trip.
/// </summary>
internal sealed class BenchWatchdog
{
    private readonly ConcurrentDictionary<BenchLoad, byte> _waiters = new();
    private readonly long _timeoutTicks;

    public BenchWatchdog(TimeSpan timeout) => _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    public TimeSpan Period => TimeSpan.FromSeconds(Math.Clamp(_timeoutTicks / (double)Stopwatch.Frequency / 4, 0.01, 0.25));

    public void Add(BenchLoad waiter) => _waiters[waiter] = 0;

    public void Remove(BenchLoad waiter) => _waiters.TryRemove(waiter, out _);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var waiter in _waiters.Keys)
                {
                    var since = waiter.WaitingSince;
                    if (since != 0 && now - since > _timeoutTicks)
                    {
                        waiter.Expire();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
