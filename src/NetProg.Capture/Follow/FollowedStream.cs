using System.Buffers;
using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;

namespace NetProg.Capture.Follow;

/// <summary>One TCP conversation's payload, as Wireshark's Follow TCP Stream shows it: each side's bytes in order, once.</summary>
public sealed class FollowedStream(int conversation, Endpoint client, Endpoint server)
{
    private readonly List<StreamChunk> _chunks = [];

    // The chunk being added to, in a buffer that doubles as it grows: appending a segment copies that segment only, not
    // the whole chunk again (300,000 one-byte segments of one side were 300,000 copies of a growing array).
    private ArrayBufferWriter<byte>? _open;
    private PeerRole _openFrom;

    public int Conversation { get; } = conversation;

    public Endpoint Client { get; } = client;

    public Endpoint Server { get; } = server;

    /// <summary>Each side's turns in order; consecutive segments of one side are one chunk.</summary>
    public IReadOnlyList<StreamChunk> Chunks =>
        _open is null ? _chunks : [.. _chunks, new StreamChunk(_openFrom, _open.WrittenSpan.ToArray())];

    public long ClientBytes { get; internal set; }

    public long ServerBytes { get; internal set; }

    /// <summary>Bytes never seen (the capture missed segments, or started mid-stream after data had flowed).</summary>
    public long MissingBytes { get; internal set; }

    /// <summary>
    /// True when the stream outgrew <see cref="StreamFollower.MaxBytesPerStream"/>, or all streams together
    /// <see cref="StreamFollower.MaxTotalBytes"/>, and the rest was counted, not kept.
    /// </summary>
    public bool Truncated { get; internal set; }

    internal long Kept { get; set; }

    internal void Append(PeerRole from, ReadOnlySpan<byte> bytes)
    {
        if (_open is not null && _openFrom != from)
        {
            _chunks.Add(new StreamChunk(_openFrom, _open.WrittenSpan.ToArray()));
            _open = null;
        }

        _open ??= new ArrayBufferWriter<byte>(Math.Max(256, bytes.Length));
        _openFrom = from;
        _open.Write(bytes);
    }
}
