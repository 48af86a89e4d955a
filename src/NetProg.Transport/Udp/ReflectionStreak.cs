namespace NetProg.Transport.Udp;

/// <summary>
/// Detects a loop between two answering services (CVE-1999-0103), which no rate limit can tell from a fast client: one spoofed
/// datagram makes A answer B and B answer A, one datagram in flight, as a ping-pong client is. What gives a loop away is that
/// what comes back from the peer is what this server just sent it (an echo's reply is its request): the same fingerprint
/// (<see cref="Fingerprint"/>) back to back from one source end point. When that lasts <see cref="MinimumDuration"/> and
/// <see cref="MinimumCount"/> datagrams, one datagram is not answered, and the loop, which has only that one datagram, ends.
/// A client that sends the same bytes over and over for 5 s without pause loses one datagram every 5 s; one that varies
/// its datagrams (a counter, a timestamp, the next line) never does. Per source end point, kept by <see cref="SourceEndPoints"/>
/// (one receiving thread: no locks). Timestamps are given, so it is tested without sleeping.
/// </summary>
internal struct ReflectionStreak
{
    public const int MinimumCount = 100;

    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(5);

    private ulong _lastReply;
    private bool _replied;
    private long _start;
    private int _count;

    /// <summary>A datagram arrived from this source: true when it is the last reply come back for long enough (a loop).</summary>
    public bool IsLoop(ulong request, long timestamp, long minimumTicks)
    {
        if (!_replied || request != _lastReply)
        {
            _count = 0;
            return false;
        }

        if (_count++ == 0)
        {
            _start = timestamp;
        }

        if (_count >= MinimumCount && timestamp - _start >= minimumTicks)
        {
            // Not answered: the loop's one datagram is gone; start over.
            _count = 0;
            _replied = false;
            return true;
        }

        return false;
    }

    public bool IsLoop(ulong request, long timestamp) =>
        IsLoop(request, timestamp, (long)(MinimumDuration.TotalSeconds * Stopwatch.Frequency));

    /// <summary>This server answered the source with a datagram of this fingerprint.</summary>
    public void Replied(ulong reply)
    {
        _lastReply = reply;
        _replied = true;
    }

    /// <summary>
    /// Length and a per-process seeded hash of the first and last 32 bytes: constant time whatever the size (a loop repeats the
    /// bytes exactly; a client's next datagram differs in its length, its start or its end, where counters and lines differ).
    /// </summary>
    public static ulong Fingerprint(ReadOnlySpan<byte> datagram)
    {
        const int Edge = 32;
        var hash = default(HashCode);
        hash.AddBytes(datagram[..Math.Min(Edge, datagram.Length)]);
        hash.AddBytes(datagram[Math.Max(0, datagram.Length - Edge)..]);
        return ((ulong)(uint)datagram.Length << 32) | (uint)hash.ToHashCode();
    }
}
