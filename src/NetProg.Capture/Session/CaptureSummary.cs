using NetProg.Capture.Flows;
using NetProg.Capture.Follow;

namespace NetProg.Capture.Session;

/// <summary>How a capture session ended: facts for the renderer, no sentences.</summary>
/// <param name="Shown">Packets handed to the caller.</param>
/// <param name="Written">Frames written to <paramref name="WritePath"/> (0 when nothing was, or none is written).</param>
/// <param name="WritePath">The pcap file asked for, or null.</param>
/// <param name="Dropped">Frames dropped because the caller fell behind the capture (the bounded queue was full).</param>
/// <param name="KernelDropped">Frames the kernel dropped (libpcap's ps_drop), when the device knows; null for files.</param>
/// <param name="Streams">Each TCP conversation's bytes when following was asked for, else null.</param>
/// <param name="GraphEvents">The events for the flow graph when it was asked for, else null.</param>
/// <param name="StreamsNotFollowed">TCP conversations past <see cref="StreamFollower.MaxStreams"/>: counted, not followed.</param>
/// <param name="StreamTotalReached">All streams together reached <see cref="StreamFollower.MaxTotalBytes"/>; later bytes were counted, not kept.</param>
public sealed record CaptureSummary(
    int Shown,
    long Written,
    string? WritePath,
    long Dropped,
    long? KernelDropped,
    IReadOnlyList<FollowedStream>? Streams,
    IReadOnlyList<PacketEvent>? GraphEvents,
    int StreamsNotFollowed = 0,
    bool StreamTotalReached = false);
