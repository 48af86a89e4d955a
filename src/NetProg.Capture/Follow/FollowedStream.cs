using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;

namespace NetProg.Capture.Follow;

/// <summary>One TCP conversation's payload, as Wireshark's Follow TCP Stream shows it: each side's bytes in order, once.</summary>
public sealed class FollowedStream(int conversation, Endpoint client, Endpoint server)
{
    public int Conversation { get; } = conversation;

    public Endpoint Client { get; } = client;

    public Endpoint Server { get; } = server;

    public List<StreamChunk> Chunks { get; } = [];

    public long ClientBytes { get; internal set; }

    public long ServerBytes { get; internal set; }

    /// <summary>Bytes never seen (the capture missed segments, or started mid-stream after data had flowed).</summary>
    public long MissingBytes { get; internal set; }

    /// <summary>True when the stream outgrew <see cref="StreamFollower.MaxBytesPerStream"/> and the rest was counted, not kept.</summary>
    public bool Truncated { get; internal set; }

    internal long Kept { get; set; }
}
