using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>
/// Runs one closed-loop load (<c>netprog bench</c>): resolves the target, starts every connection, lets the warm-up pass
/// uncounted, measures for the duration and returns what it saw. Usable against any server: the load checks only what the
/// protocol promises (echo: the same bytes back; time: some bytes, then EOF).
/// </summary>
public static class BenchRunner
{
    private static readonly TimeSpan ProgressPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs the load. <paramref name="cancellationToken"/> (Ctrl+C) ends it early: what was measured until then is returned.
    /// Throws <see cref="NetworkException"/> only when the host name does not resolve; every other failure is counted in the result.
    /// </summary>
    public static async Task<BenchResult> RunAsync(BenchOptions options, Action<BenchProgress>? progress, CancellationToken cancellationToken)
    {
        Validate(options);
        var protocol = options.Kind == BenchKind.UdpEcho ? TransportProtocol.Udp : TransportProtocol.Tcp;
        var addresses = await HostResolver.ResolveAsync(options.Host, options.Timeout, protocol, cancellationToken).ConfigureAwait(false);
        var target = new IPEndPoint(addresses[0], options.Port);

        var recorder = new BenchRecorder();
        var watchdog = new BenchWatchdog(options.Timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = watchdog.RunAsync(stop.Token);
        var workers = new Task[options.Connections];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Start(i, options, target, recorder, watchdog, stop.Token);
        }

        var allDone = Task.WhenAll(workers);
        var warmingUp = options.Warmup > TimeSpan.Zero;
        if (warmingUp)
        {
            await WatchAsync(recorder, allDone, warmingUp: true, options.Warmup, progress, stop.Token).ConfigureAwait(false);
        }

        recorder.StartMeasuring();
        await WatchAsync(recorder, allDone, warmingUp: false, options.Duration, progress, stop.Token).ConfigureAwait(false);
        var end = Stopwatch.GetTimestamp();
        await stop.CancelAsync().ConfigureAwait(false);
        await allDone.ConfigureAwait(false);
        await watching.ConfigureAwait(false);
        return recorder.ToResult(options, target, recorder.MeasuredElapsed(end));
    }

    private static Task Start(int index, BenchOptions options, IPEndPoint target, BenchRecorder recorder, BenchWatchdog watchdog, CancellationToken stop) =>
        // Task.Run: connections start in parallel, not one after the other on this thread up to their first await.
        Task.Run(
            () => options.Kind switch
            {
                BenchKind.Echo => new EchoLoad(index, options, target, recorder).RunAsync(watchdog, stop),
                BenchKind.UdpEcho => new UdpEchoLoad(index, options, target, recorder).RunAsync(watchdog, stop),
                _ => new TimeLoad(index, options, target, recorder).RunAsync(watchdog, stop),
            },
            CancellationToken.None);

    /// <summary>Waits for the phase to end (or every connection to give up), reporting progress once a second.</summary>
    private static async Task WatchAsync(BenchRecorder recorder, Task allDone, bool warmingUp, TimeSpan phase, Action<BenchProgress>? progress, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        var lastOperations = recorder.Operations;
        var lastTime = start;
        while (true)
        {
            var left = phase - Stopwatch.GetElapsedTime(start);
            if (left <= TimeSpan.Zero || allDone.IsCompleted || stop.IsCancellationRequested)
            {
                return;
            }

            var wait = left < ProgressPeriod ? left : ProgressPeriod;
            try
            {
                await allDone.WaitAsync(wait, stop).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            var operations = recorder.Operations;
            var seconds = Stopwatch.GetElapsedTime(lastTime, now).TotalSeconds;
            progress?.Invoke(new BenchProgress(
                warmingUp,
                Stopwatch.GetElapsedTime(start, now),
                operations,
                seconds > 0 ? (operations - lastOperations) / seconds : 0,
                recorder.ErrorTotal,
                recorder.OpenConnections));
            lastOperations = operations;
            lastTime = now;
        }
    }

    private static void Validate(BenchOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Connections, 1, nameof(options.Connections));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Connections, BenchOptions.MaxConnections, nameof(options.Connections));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Pipeline, 1, nameof(options.Pipeline));
        if (options.Kind != BenchKind.Time)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(options.Size, options.Kind == BenchKind.UdpEcho ? UdpEchoLoad.HeaderSize : 1, nameof(options.Size));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Size, options.Kind == BenchKind.UdpEcho ? BenchOptions.MaxDatagramSize : BenchOptions.MaxSize, nameof(options.Size));
            ArgumentOutOfRangeException.ThrowIfGreaterThan((long)options.Size * options.Pipeline, BenchOptions.MaxSize, nameof(options.Pipeline));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Duration, TimeSpan.Zero, nameof(options.Duration));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Warmup, TimeSpan.Zero, nameof(options.Warmup));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options.Timeout));
    }
}
