using NetProg.Capture;
using NetProg.Capture.FlowGraph;
using NetProg.Capture.Pcap;
using NetProg.Capture.Text;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// A capture file through everything <c>netprog capture --read F --follow --flow G</c> does: the pcap and pcapng readers,
/// PacketDotNet decoding, the flow tracker and its annotations, follow-stream reassembly and the flow graph. A file that is
/// not a capture may only end in a <see cref="CaptureException"/> (one line to the user); every packet line is one line.
/// </summary>
/// <remarks>Input: the bytes of a capture file (the seeds are the test fixtures made with tcpdump and tshark).</remarks>
public sealed class CaptureTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "capture";

    /// <inheritdoc />
    public string Description => "PcapFileReader, PacketDecoder, FlowTracker, StreamFollower and FlowGraphWriter on a pcap/pcapng file";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var pipeline = new PacketPipeline(new PacketPipelineOptions(Follow: true, FlowGraph: true));
        try
        {
            foreach (var frame in PcapFileReader.Read(new MemoryStream(input.ToArray()), "fuzz"))
            {
                if (pipeline.Process(frame) is { } e)
                {
                    var line = PacketText.Line(e);
                    FuzzInvariantException.Check(line.IndexOfAny(['\n', '\r']) < 0, $"a packet line spans lines: '{line}'");
                }
            }
        }
        catch (CaptureException)
        {
            // Not a capture file, or a truncated one: the user gets CaptureException's one line. Expected.
        }

        pipeline.Follower!.Complete();
        foreach (var stream in pipeline.Follower.Streams)
        {
            FuzzInvariantException.Check(stream.Chunks.Sum(c => (long)c.Data.Length) <= 2L * NetProg.Capture.Follow.StreamFollower.MaxBytesPerStream, "a followed stream past its bound");
        }

        var html = FlowGraphWriter.Render(pipeline.GraphEvents, "fuzz");
        FuzzInvariantException.Check(!html.Contains("<script", StringComparison.OrdinalIgnoreCase), "packet data reached the flow graph as markup");
    }
}
