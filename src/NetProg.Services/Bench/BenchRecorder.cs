using HdrHistogram;
using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>
/// The counters every connection of a run adds to. Nothing is counted during the warm-up except errors (so that a server that
/// refuses everything is reported even in a short run). Latencies go to a few lock-protected HdrHistograms chosen by connection
/// index: one histogram per connection would cost ~0.5 MB each at nanosecond resolution over 60 s.
/// </summary>
internal sealed class BenchRecorder
{
    private const int Shards = 8;
    private static readonly long HighestTrackable = (long)TimeSpan.FromSeconds(120).TotalNanoseconds;

    /// <summary>The window of <see cref="BenchResult.AnsweredAtOnce"/>: 100 ms from the first answer.</summary>
    private static readonly long AtOnceTicks = Stopwatch.Frequency / 10;

    private readonly LongHistogram[] _histograms = new LongHistogram[Shards];
    private readonly long[] _errors = new long[Enum.GetValues<SocketErrorKind>().Length];
    private NetworkException? _firstError;
    private ForeignReply? _foreign;
    private long _silentTicks;
    private long _firstAnswerAt;
    private long _answeredAtOnce;
    private volatile bool _measuring;
    private long _measureStart;
    private long _operations;
    private long _bytes;
    private long _mismatched;
    private long _lost;
    private long _reordered;
    private long _unexpected;
    private long _empty;
    private long _errorTotal;
    private int _open;
    private int _succeeded;

    public BenchRecorder()
    {
        for (var i = 0; i < Shards; i++)
        {
            _histograms[i] = new LongHistogram(1, HighestTrackable, 3);
        }
    }

    public bool Measuring => _measuring;

    /// <summary>True once any operation completed, warm-up included: from then on a failure is a glitch, not a wrong target.</summary>
    public bool AnySucceeded => Volatile.Read(ref _succeeded) != 0;

    public long Operations => Interlocked.Read(ref _operations);

    public long ErrorTotal => Interlocked.Read(ref _errorTotal);

    public int OpenConnections => Volatile.Read(ref _open);

    public void StartMeasuring()
    {
        _measureStart = Stopwatch.GetTimestamp();
        _measuring = true;
    }

    public TimeSpan MeasuredElapsed(long endTimestamp) =>
        _measuring ? Stopwatch.GetElapsedTime(_measureStart, endTimestamp) : TimeSpan.Zero;

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);

    /// <summary>One round trip (datagram, connection) done, <paramref name="startTimestamp"/> being when it began.</summary>
    public void Completed(int connection, long startTimestamp, long endTimestamp, long bytes)
    {
        if (_succeeded == 0)
        {
            Volatile.Write(ref _succeeded, 1);
        }

        var first = Volatile.Read(ref _firstAnswerAt);
        if (first == 0)
        {
            first = Interlocked.CompareExchange(ref _firstAnswerAt, endTimestamp, 0) is var previous and not 0 ? previous : endTimestamp;
        }

        if (endTimestamp - first <= AtOnceTicks)
        {
            Interlocked.Increment(ref _answeredAtOnce);
        }

        if (!_measuring)
        {
            return;
        }

        Interlocked.Increment(ref _operations);
        Interlocked.Add(ref _bytes, bytes);
        var nanoseconds = Math.Clamp((long)Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalNanoseconds, 1, HighestTrackable);
        var histogram = _histograms[connection % Shards];
        lock (histogram)
        {
            histogram.RecordValue(nanoseconds);
        }
    }

    public void Mismatched(long bytes)
    {
        if (_measuring && bytes > 0)
        {
            Interlocked.Add(ref _mismatched, bytes);
        }
    }

    public void Lost(long datagrams)
    {
        if (_measuring)
        {
            Interlocked.Add(ref _lost, datagrams);
        }
    }

    public void Reordered()
    {
        if (_measuring)
        {
            Interlocked.Increment(ref _reordered);
        }
    }

    public void Unexpected()
    {
        if (_measuring)
        {
            Interlocked.Increment(ref _unexpected);
        }
    }

    public void EmptyReply()
    {
        if (_measuring)
        {
            Interlocked.Increment(ref _empty);
        }
    }

    /// <summary>
    /// The server answered, before anything succeeded, with something that is not the expected service's reply: the first
    /// such reply is kept, warm-up included, to say what the server is.
    /// </summary>
    public void Foreign(ForeignReply reply) => Interlocked.CompareExchange(ref _foreign, reply, null);

    /// <summary>A time connection that got no byte and no close for <paramref name="silence"/>: the longest is kept.</summary>
    public void Silent(TimeSpan silence)
    {
        var ticks = silence.Ticks;
        var seen = Interlocked.Read(ref _silentTicks);
        while (ticks > seen)
        {
            var previous = Interlocked.CompareExchange(ref _silentTicks, ticks, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    public void Error(NetworkException error)
    {
        Interlocked.Increment(ref _errors[(int)error.Kind]);
        Interlocked.Increment(ref _errorTotal);
        Interlocked.CompareExchange(ref _firstError, error, null);
    }

    public BenchResult ToResult(BenchOptions options, System.Net.IPEndPoint target, TimeSpan elapsed)
    {
        var all = new LongHistogram(1, HighestTrackable, 3);
        foreach (var histogram in _histograms)
        {
            lock (histogram)
            {
                all.Add(histogram);
            }
        }

        var errors = new SortedDictionary<SocketErrorKind, long>();
        for (var i = 0; i < _errors.Length; i++)
        {
            var count = Interlocked.Read(ref _errors[i]);
            if (count > 0)
            {
                errors[(SocketErrorKind)i] = count;
            }
        }

        return new BenchResult
        {
            Options = options,
            Target = target,
            Elapsed = elapsed,
            Operations = Operations,
            Bytes = Interlocked.Read(ref _bytes),
            Latency = Latency(all),
            Errors = errors,
            FirstError = Volatile.Read(ref _firstError),
            MismatchedBytes = Interlocked.Read(ref _mismatched),
            Lost = Interlocked.Read(ref _lost),
            Reordered = Interlocked.Read(ref _reordered),
            Unexpected = Interlocked.Read(ref _unexpected),
            EmptyReplies = Interlocked.Read(ref _empty),
            ForeignReply = Volatile.Read(ref _foreign),
            LongestSilence = Interlocked.Read(ref _silentTicks) is var silent and > 0 ? TimeSpan.FromTicks(silent) : null,
            AnsweredAtOnce = Interlocked.Read(ref _answeredAtOnce),
        };
    }

    private static BenchLatency Latency(LongHistogram histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return new BenchLatency(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        static TimeSpan At(LongHistogram h, double percentile) => TimeSpan.FromTicks(h.GetValueAtPercentile(percentile) / 100);

        return new BenchLatency(
            histogram.TotalCount,
            At(histogram, 50),
            At(histogram, 90),
            At(histogram, 99),
            At(histogram, 99.9),
            TimeSpan.FromTicks(histogram.GetMaxValue() / 100),
            TimeSpan.FromTicks((long)(histogram.GetMean() / 100)));
    }
}
