namespace NetProg.Transport.Udp;

/// <summary>
/// The UDP server's rate limit for far sources (<see cref="NearSources"/> are not limited): a token bucket per source (rate and
/// burst <c>--rate-limit</c>), keyed by <see cref="SourceKey"/>, and one budget for all far sources together
/// (<see cref="GlobalFactor"/> times the rate), so that a flood from many spoofed sources is answered a bounded number of times
/// in all, not once per spoofed address.
/// </summary>
/// <remarks>
/// A fixed array of <see cref="Slots"/> buckets, indexed by a per-process seeded hash: its memory is bounded by construction,
/// whatever the number of sources (System.Threading.RateLimiting's partitioned limiter, used before, kept one limiter per source
/// until an idle sweep, and allocated 32 bytes per datagram). A source that lands on another's slot takes it over when that
/// bucket is idle (full again), else shares it: a collision can only answer less, never more. Buckets refill lazily from the
/// timestamps given (<see cref="Stopwatch.GetTimestamp"/>): no timer, no allocation, and tested with explicit times.
/// One lock for the table: the receive threads (one per bound socket) take it only for far sources, for a few instructions.
/// </remarks>
internal sealed class SourceRateTable
{
    public const int Slots = 4096;

    /// <summary>All far sources together may have this many times one source's rate.</summary>
    public const int GlobalFactor = UdpServerOptions.FarSourcesFactor;

    private readonly Bucket[] _buckets = new Bucket[Slots];
    private readonly double _burst;
    private readonly double _perTick;
    private readonly double _globalBurst;
    private readonly double _globalPerTick;
    private readonly Lock _gate = new();
    private double _globalTokens;
    private long _globalLast;
    private bool _globalStarted;

    public SourceRateTable(int perSecond, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _burst = perSecond;
        _perTick = (double)perSecond / ticksPerSecond;
        _globalBurst = (double)perSecond * GlobalFactor;
        _globalPerTick = _perTick * GlobalFactor;
    }

    public SourceRateTable(int perSecond)
        : this(perSecond, Stopwatch.Frequency)
    {
    }

    /// <summary>Takes a token for <paramref name="key"/> at <paramref name="timestamp"/>, or says which bucket was empty.</summary>
    public UdpDropReason TryTake(SourceKey key, long timestamp)
    {
        lock (_gate)
        {
            ref var bucket = ref _buckets[key.Slot(Slots)];
            if (bucket.Used)
            {
                bucket.Tokens = Refill(bucket.Tokens, bucket.Last, timestamp, _burst, _perTick);
                bucket.Last = Math.Max(bucket.Last, timestamp);
            }

            if (!bucket.Used || (bucket.Key != key && bucket.Tokens >= _burst))
            {
                bucket = new Bucket { Key = key, Tokens = _burst, Last = timestamp, Used = true };
            }

            if (!_globalStarted)
            {
                _globalTokens = _globalBurst;
                _globalLast = timestamp;
                _globalStarted = true;
            }

            _globalTokens = Refill(_globalTokens, _globalLast, timestamp, _globalBurst, _globalPerTick);
            _globalLast = Math.Max(_globalLast, timestamp);

            if (bucket.Tokens < 1)
            {
                return UdpDropReason.RateLimited;
            }

            if (_globalTokens < 1)
            {
                return UdpDropReason.FarSourcesRateLimited;
            }

            bucket.Tokens -= 1;
            _globalTokens -= 1;
            return UdpDropReason.None;
        }
    }

    /// <summary>Buckets in use (at most <see cref="Slots"/>).</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count(b => b.Used);
            }
        }
    }

    // Timestamps come from several threads, taken before the lock: one older than the bucket's last refill adds nothing.
    private static double Refill(double tokens, long last, long now, double burst, double perTick) =>
        now <= last ? tokens : Math.Min(burst, tokens + ((now - last) * perTick));

    private struct Bucket
    {
        public SourceKey Key;
        public double Tokens;
        public long Last;
        public bool Used;
    }
}
