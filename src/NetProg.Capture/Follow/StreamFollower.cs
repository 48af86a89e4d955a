using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;

namespace NetProg.Capture.Follow;

/// <summary>
/// Reassembles each TCP conversation's payload from annotated packets: bytes are placed by their sequence numbers, so a
/// retransmission is not shown twice and a segment that arrives early waits for the gap before it (RFC 9293 section 3.4,
/// the receiver's view). Memory is bounded: <see cref="MaxBytesPerStream"/> bytes kept per conversation, and at most
/// <see cref="MaxPendingSegments"/> early segments held per direction.
/// </summary>
public sealed class StreamFollower
{
    public const int MaxBytesPerStream = 1024 * 1024;

    public const int MaxPendingSegments = 256;

    private readonly Dictionary<int, FollowedStream> _streams = [];
    private readonly Dictionary<(int, PeerRole), Direction> _directions = [];

    /// <summary>The conversations seen so far, in the order they started.</summary>
    public IEnumerable<FollowedStream> Streams => _streams.Values.OrderBy(s => s.Conversation);

    public void Add(PacketEvent e)
    {
        var packet = e.Packet;
        if (packet.Transport != TransportKind.Tcp || e.Conversation == 0 || e.RelativeSequence is not { } relative)
        {
            return;
        }

        if (!_streams.TryGetValue(e.Conversation, out var stream))
        {
            var client = e.Sender == PeerRole.Client ? packet.Source : packet.Destination;
            var server = e.Sender == PeerRole.Client ? packet.Destination : packet.Source;
            stream = new FollowedStream(e.Conversation, client, server);
            _streams[e.Conversation] = stream;
        }

        if (!_directions.TryGetValue((e.Conversation, e.Sender), out var direction))
        {
            // The first byte after the SYN has relative sequence 1 (the SYN takes 0).
            direction = new Direction(relative + ((packet.Flags & TcpFlags.Syn) != 0 ? 1u : 0u));
            _directions[(e.Conversation, e.Sender)] = direction;
        }

        var start = relative + ((packet.Flags & TcpFlags.Syn) != 0 ? 1u : 0u);
        if (packet.Payload.Length == 0)
        {
            return;
        }

        direction.Offer(start, packet.Payload.ToArray(), bytes => Append(stream, e.Sender, bytes), missing => stream.MissingBytes += missing);
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

    private static void Append(FollowedStream stream, PeerRole from, byte[] bytes)
    {
        if (from == PeerRole.Client)
        {
            stream.ClientBytes += bytes.Length;
        }
        else
        {
            stream.ServerBytes += bytes.Length;
        }

        var room = MaxBytesPerStream - stream.Kept;
        if (room <= 0)
        {
            stream.Truncated = true;
            return;
        }

        if (bytes.Length > room)
        {
            bytes = bytes[..(int)room];
            stream.Truncated = true;
        }

        stream.Kept += bytes.Length;
        if (stream.Chunks.Count > 0 && stream.Chunks[^1].From == from)
        {
            stream.Chunks[^1] = stream.Chunks[^1] with { Data = [.. stream.Chunks[^1].Data, .. bytes] };
        }
        else
        {
            stream.Chunks.Add(new StreamChunk(from, bytes));
        }
    }

    /// <summary>One direction's reassembly: the next relative sequence number expected and the segments that came early.</summary>
    private sealed class Direction(uint next)
    {
        private readonly SortedDictionary<uint, byte[]> _early = [];
        private uint _next = next;

        public void Offer(uint start, byte[] data, Action<byte[]> deliver, Action<long> missing)
        {
            var offset = (int)(_next - start);
            if (offset >= data.Length)
            {
                return; // all of it was delivered already: a retransmission
            }

            if (offset < 0)
            {
                // Ahead of a gap: hold it until the gap is filled, within bounds.
                if (_early.Count < MaxPendingSegments)
                {
                    _early.TryAdd(start, data);
                }
                else
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
                var skip = (int)(_next - first);
                if (skip < bytes.Length)
                {
                    deliver(bytes[skip..]);
                    _next = first + (uint)bytes.Length;
                }
            }
        }

        public void Flush(Action<byte[]> deliver, Action<long> missing)
        {
            while (_early.Count > 0)
            {
                var (first, bytes) = _early.First();
                _early.Remove(first);
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
                    deliver(bytes[skip..]);
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
