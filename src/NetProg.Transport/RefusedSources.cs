namespace NetProg.Transport;

/// <summary>
/// Decides which refusals (<c>--allow</c>) are logged: an address the first time, then again at most once per
/// <see cref="Window"/>, so a client retrying in a loop does not fill the log, and a student who tries again a minute later
/// sees why again. A fixed table of <see cref="Capacity"/> slots (<see cref="SourceKey"/>, hashed with a per-process seed):
/// a refused address whose slot holds another address named within the window is not named but counted, and the count is
/// handed out as one summary at most once per window. So a flood of spoofed sources costs at most a table's worth of lines
/// a minute and one summary, and never silences the log for good (a set that only grows would, once full).
/// </summary>
/// <remarks>Lazy, from the timestamps given: a summary is handed out with the first refusal after its window.</remarks>
public sealed class RefusedSources
{
    /// <summary>Slots in the table: addresses that can be named within one window.</summary>
    public const int Capacity = 4096;

    /// <summary>How long an address stays named (not logged again), and the period of the summary.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Entry[] _entries = new Entry[Capacity];
    private readonly long _windowTicks;
    private readonly long _ticksPerSecond;
    private readonly Lock _gate = new();
    private long _notNamed;
    private long _lastSummary;

    /// <summary>A table for timestamps of <paramref name="ticksPerSecond"/>, the first summary window starting at <paramref name="start"/>.</summary>
    public RefusedSources(long ticksPerSecond, long start)
    {
        _ticksPerSecond = ticksPerSecond;
        _windowTicks = (long)(Window.TotalSeconds * ticksPerSecond);
        _lastSummary = start;
    }

    /// <summary>A table for <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public RefusedSources()
        : this(Stopwatch.Frequency, Stopwatch.GetTimestamp())
    {
    }

    /// <summary>Records one refusal of <paramref name="address"/> at <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public RefusalNotice Record(IPAddress address) => Record(address, Stopwatch.GetTimestamp());

    /// <summary>Records one refusal of <paramref name="address"/> at <paramref name="timestamp"/>: whether to name it, and whether a summary is due.</summary>
    public RefusalNotice Record(IPAddress address, long timestamp)
    {
        var key = SourceKey.Of(address);
        lock (_gate)
        {
            ref var entry = ref _entries[key.Slot(Capacity)];
            bool name;
            if (entry.Used && entry.Key == key)
            {
                name = timestamp - entry.LastLine >= _windowTicks;
            }
            else if (entry.Used && timestamp - entry.LastLine < _windowTicks)
            {
                name = false;
                _notNamed++;
            }
            else
            {
                entry.Key = key;
                entry.Used = true;
                name = true;
            }

            if (name)
            {
                entry.LastLine = timestamp;
            }

            if (_notNamed == 0 || timestamp - _lastSummary < _windowTicks)
            {
                return new RefusalNotice(name, 0, TimeSpan.Zero);
            }

            var notice = new RefusalNotice(name, _notNamed, TimeSpan.FromSeconds((double)(timestamp - _lastSummary) / _ticksPerSecond));
            _notNamed = 0;
            _lastSummary = timestamp;
            return notice;
        }
    }

    private struct Entry
    {
        public SourceKey Key;
        public long LastLine;
        public bool Used;
    }
}
