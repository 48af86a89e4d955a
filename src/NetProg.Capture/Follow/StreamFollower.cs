using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;

namespace NetProg.Capture.Follow;

/// <summary>
/// Reassembles each TCP conversation's payload from annotated packets: bytes are placed by their sequence numbers, so a
/// retransmission is not shown twice and a segment that arrives early waits for the gap before it (RFC 9293 section 3.4,
/// the receiver's view). Memory is bounded, whatever the capture holds: the first <see cref="MaxStreams"/> conversations
/// are followed (the others only counted, <see cref="NotFollowed"/>), each keeps <see cref="MaxBytesPerStream"/> bytes and
/// all together <see cref="MaxTotalBytes"/> (the rest counted, <see cref="FollowedStream.Truncated"/>), and early segments
/// wait within <see cref="MaxPendingSegments"/> per direction and <see cref="MaxPendingBytes"/> in all (beyond, counted as
/// missing).
/// </summary>
public sealed class StreamFollower
{
    public const int MaxBytesPerStream = 1024 * 1024;

    /// <summary>Bytes kept over all streams: a capture of a busy port holds thousands of conversations.</summary>
    public const long MaxTotalBytes = 64L * 1024 * 1024;

    /// <summary>Conversations followed; later ones are counted in <see cref="NotFollowed"/>.</summary>
    public const int MaxStreams = 1000;

    public const int MaxPendingSegments = 256;

    /// <summary>Bytes of early segments held over all streams, waiting for the gap before them.</summary>
    public const long MaxPendingBytes = 16L * 1024 * 1024;

    private readonly Dictionary<int, FollowedStream> _streams = [];
    private readonly Dictionary<(int, PeerRole), Direction> _directions = [];
    private readonly Pending _pending = new();
    private long _kept;
    private int _lastNotFollowed;

    /// <summary>The conversations followed, in the order they started.</summary>
    public IEnumerable<FollowedStream> Streams => _streams.Values.OrderBy(s => s.Conversation);

    /// <summary>TCP conversations seen after the first <see cref="MaxStreams"/>: counted, not followed.</summary>
    public int NotFollowed { get; private set; }

    /// <summary>True once all streams together reached <see cref="MaxTotalBytes"/>.</summary>
    public bool TotalReached { get; private set; }

    public void Add(PacketEvent e)
    {
        var packet = e.Packet;
        if (packet.Transport != TransportKind.Tcp || e.Conversation == 0 || e.RelativeSequence is not { } relative)
        {
            return;
        }

        if (!_streams.TryGetValue(e.Conversation, out var stream))
        {
            if (_streams.Count >= MaxStreams)
            {
                // Conversation numbers grow in the order conversations start, and packets come in that order: a number
                // above the last one counted is a conversation not counted yet.
                if (e.Conversation > _lastNotFollowed)
                {
                    _lastNotFollowed = e.Conversation;
                    NotFollowed++;
                }

                return;
            }

            var client = e.Sender == PeerRole.Client ? packet.Source : packet.Destination;
            var server = e.Sender == PeerRole.Client ? packet.Destination : packet.Source;
            stream = new FollowedStream(e.Conversation, client, server);
            _streams[e.Conversation] = stream;
        }

        if (!_directions.TryGetValue((e.Conversation, e.Sender), out var direction))
        {
            // The first byte after the SYN has relative sequence 1 (the SYN takes 0).
            direction = new Direction(relative + ((packet.Flags & TcpFlags.Syn) != 0 ? 1u : 0u), _pending);
            _directions[(e.Conversation, e.Sender)] = direction;
        }

        var start = relative + ((packet.Flags & TcpFlags.Syn) != 0 ? 1u : 0u);
        if (packet.Payload.Length == 0)
        {
            return;
        }

        direction.Offer(start, packet.Payload.Span, bytes => Append(stream, e.Sender, bytes), missing => stream.MissingBytes += missing);
    }

    /// <summary>Ends every stream: early segments still waiting for a gap are shown after it, the gap counted as missing.</summary>
    public void Complete()
    {
        foreach (var ((conversation, role), direction) in _directions)
        {
            var stream = _streams[conversation];
            direction.Flush(bytes => Append(stream, role, bytes), missing => stream.MissingBytes += missing);
        }
    }

    private void Append(FollowedStream stream, PeerRole from, ReadOnlySpan<byte> bytes)
    {
        if (from == PeerRole.Client)
        {
            stream.ClientBytes += bytes.Length;
        }
        else
        {
            stream.ServerBytes += bytes.Length;
        }

        var room = Math.Min(MaxBytesPerStream - stream.Kept, MaxTotalBytes - _kept);
        if (room <= 0)
        {
            stream.Truncated = true;
            TotalReached |= _kept >= MaxTotalBytes;
            return;
        }

        if (bytes.Length > room)
        {
            bytes = bytes[..(int)room];
            stream.Truncated = true;
            TotalReached |= _kept + bytes.Length >= MaxTotalBytes;
        }

        stream.Kept += bytes.Length;
        _kept += bytes.Length;
        stream.Append(from, bytes);
    }

    /// <summary>The early-segment bytes held over all directions.</summary>
    private sealed class Pending
    {
        public long Bytes { get; set; }
    }

    /// <summary>A delegate over a span: <see cref="Action{T}"/> cannot take one.</summary>
    private delegate void Deliver(ReadOnlySpan<byte> bytes);

    /// <summary>One direction's reassembly: the next relative sequence number expected and the segments that came early.</summary>
    private sealed class Direction(uint next, Pending pending)
    {
        private readonly SortedDictionary<uint, byte[]> _early = [];
        private uint _next = next;

        public void Offer(uint start, ReadOnlySpan<byte> data, Deliver deliver, Action<long> missing)
        {
            var offset = (int)(_next - start);
            if (offset >= data.Length)
            {
                return; // all of it was delivered already: a retransmission
            }

            if (offset < 0)
            {
                // Ahead of a gap: hold it (a copy: the packet's buffer is not ours) until the gap is filled, within bounds.
                if (_early.Count < MaxPendingSegments && pending.Bytes + data.Length <= MaxPendingBytes && !_early.ContainsKey(start))
                {
                    _early.Add(start, data.ToArray());
                    pending.Bytes += data.Length;
                }
                else if (!_early.ContainsKey(start))
                {
                    missing(data.Length);
                }

                return;
            }

            deliver(data[offset..]);
            _next = start + (uint)data.Length;
            while (_early.Count > 0)
            {
                var (first, bytes) = _early.First();
                if ((int)(first - _next) > 0)
                {
                    break;
                }

                _early.Remove(first);
                pending.Bytes -= bytes.Length;
                var skip = (int)(_next - first);
                if (skip < bytes.Length)
                {
                    deliver(bytes.AsSpan(skip));
                    _next = first + (uint)bytes.Length;
                }
            }
        }

        public void Flush(Deliver deliver, Action<long> missing)
        {
            while (_early.Count > 0)
            {
                var (first, bytes) = _early.First();
                _early.Remove(first);
                pending.Bytes -= bytes.Length;
                var gap = (int)(first - _next);
                if (gap > 0)
                {
                    missing(gap);
                    _next = first;
                }

                // Sequence numbers half the space (2^31) apart compare both ways: such a segment is not this stream's
                // continuation, and its skip would be negative (found by fuzzing).
                var skip = (int)(_next - first);
                if (skip >= 0 && skip < bytes.Length)
                {
                    deliver(bytes.AsSpan(skip));
                    _next = first + (uint)bytes.Length;
                }
                else if (skip < 0)
                {
                    missing(bytes.Length);
                }
            }
        }
    }
}
