namespace NetProg.Transport.Udp;

/// <summary>
/// Decides which dropped datagrams are logged: the first from a source (<see cref="SourceKey"/>) for a reason, then at most one
/// line per source and reason per <see cref="Window"/>, carrying the number dropped since the previous line. Never silent for
/// the server's life (a student running the client a second time sees why again), and never a line per datagram under a flood.
/// A fixed table of <see cref="Slots"/> (bounded by construction): a source whose slot holds another source logged within the
/// window is counted in the server's totals only, not named.
/// </summary>
/// <remarks>Lazy, from the timestamps given: the count since the last line is reported with the next drop after the window.</remarks>
internal sealed class DropReports
{
    public const int Slots = 1024;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Entry[] _entries = new Entry[Slots];
    private readonly long _windowTicks;
    private readonly Lock _gate = new();

    public DropReports(long ticksPerSecond)
    {
        _windowTicks = (long)(Window.TotalSeconds * ticksPerSecond);
    }

    public DropReports()
        : this(Stopwatch.Frequency)
    {
    }

    /// <summary>Counts one drop; true when it is to be logged, with the drops since the previous line (this one included) and the ticks since it (0 for a first line).</summary>
    public bool Record(SourceKey key, UdpDropReason reason, long timestamp, out long count, out long sinceTicks)
    {
        lock (_gate)
        {
            ref var entry = ref _entries[key.Slot(Slots, (int)reason)];
            if (entry.Used && entry.Key == key && entry.Reason == reason)
            {
                entry.Count++;
                if (timestamp - entry.LastLine < _windowTicks)
                {
                    count = 0;
                    sinceTicks = 0;
                    return false;
                }

                count = entry.Count;
                sinceTicks = timestamp - entry.LastLine;
                entry.Count = 0;
                entry.LastLine = timestamp;
                return true;
            }

            if (entry.Used && timestamp - entry.LastLine < _windowTicks)
            {
                count = 0; // Another source was logged here within the window: this one is only counted in the totals.
                sinceTicks = 0;
                return false;
            }

            entry = new Entry { Key = key, Reason = reason, LastLine = timestamp, Used = true };
            count = 1;
            sinceTicks = 0;
            return true;
        }
    }

    private struct Entry
    {
        public SourceKey Key;
        public UdpDropReason Reason;
        public long LastLine;
        public long Count;
        public bool Used;
    }
}
