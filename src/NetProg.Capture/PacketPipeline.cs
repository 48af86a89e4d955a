using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;
using NetProg.Capture.Follow;
using NetProg.Capture.Pcap;

namespace NetProg.Capture;

/// <summary>
/// What happens to each frame, live or from a file: the filter, the pcap file (raw frames, exactly as captured), decoding,
/// flow tracking and annotation, and, when asked, follow-stream reassembly and the events kept for the flow graph.
/// </summary>
public sealed class PacketPipeline(PacketPipelineOptions options)
{
    private readonly FlowTracker _tracker = new();
    private readonly List<PacketEvent> _graph = [];

    /// <summary>Set when <see cref="PacketPipelineOptions.Follow"/> is on.</summary>
    public StreamFollower? Follower { get; } = options.Follow ? new StreamFollower() : null;

    /// <summary>The events kept for the flow graph (at most <see cref="FlowGraph.FlowGraphWriter.MaxArrows"/> + 1, so a longer capture is noticed).</summary>
    public IReadOnlyList<PacketEvent> GraphEvents => _graph;

    /// <summary>Packets shown so far.</summary>
    public int Shown { get; private set; }

    /// <summary>The file being written, if any (the pipeline does not own it).</summary>
    public PcapFileWriter? Writer { get; init; }

    /// <summary>A compiled BPF filter for frames (files with --filter); null passes everything.</summary>
    public Func<CapturedFrame, bool>? FrameFilter { get; init; }

    /// <summary>The packet to show for <paramref name="frame"/>, or null when it is filtered out or carries no IP.</summary>
    public PacketEvent? Process(CapturedFrame frame)
    {
        if (FrameFilter is { } filter && !filter(frame))
        {
            return null;
        }

        var packet = PacketDecoder.Decode(frame);
        if (options.Port is { } port && (packet is null || !PortFilter.Matches(packet, port)))
        {
            return null;
        }

        Writer?.Write(frame);
        if (packet is null)
        {
            return null;
        }

        var e = _tracker.Track(packet);
        Shown++;
        Follower?.Add(e);
        if (options.FlowGraph && _graph.Count <= FlowGraph.FlowGraphWriter.MaxArrows)
        {
            _graph.Add(e);
        }

        return e;
    }
}
