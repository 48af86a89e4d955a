using NetProg.Capture.Flows;

namespace NetProg.Capture.Follow;

/// <summary>Bytes one side sent, in order; consecutive segments of the same side are joined into one chunk.</summary>
public sealed record StreamChunk(PeerRole From, byte[] Data);
