using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;
using NetProg.Capture.Pcap;

namespace NetProg.Capture.Tests;

/// <summary>The capture fixtures in TestData/ (how each was made: TestData/README.md).</summary>
internal static class TestData
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", fileName);

    public static List<CapturedFrame> Frames(string fileName) => [.. PcapFileReader.Read(PathOf(fileName))];

    public static List<PacketEvent> Events(string fileName)
    {
        var tracker = new FlowTracker();
        return [.. Frames(fileName).Select(PacketDecoder.Decode).OfType<DecodedPacket>().Select(tracker.Track)];
    }
}
