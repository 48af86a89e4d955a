using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;
using NetProg.Capture.Pcap;

namespace NetProg.Capture.Tests;

/// <summary>The capture fixtures in TestData/ (how each was made: TestData/README.md).</summary>
internal static class TestData
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", fileName);

    public static List<CapturedFrame> Frames(string fileName) => [.. PcapFileReader.Read(PathOf(fileName))];

    /// <summary>libpcap is installed (Linux: libpcap0.8; macOS has it): live capture, BPF filters and replayed files need it.</summary>
    public static bool LibpcapPresent =>
        OperatingSystem.IsMacOS()
        || new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/lib64", "/lib/x86_64-linux-gnu" }
            .Any(d => File.Exists(Path.Combine(d, "libpcap.so.0.8")) || File.Exists(Path.Combine(d, "libpcap.so.1")));

    public static List<PacketEvent> Events(string fileName)
    {
        var tracker = new FlowTracker();
        return [.. Frames(fileName).Select(PacketDecoder.Decode).OfType<DecodedPacket>().Select(tracker.Track)];
    }
}
