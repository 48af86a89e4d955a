using PacketDotNet;

namespace NetProg.Capture;

/// <summary>
/// One frame as libpcap hands it over or a pcap file stores it: when, the link-layer type that says how to read the first
/// bytes, the bytes captured and the length on the wire (longer when the snapshot length cut the frame).
/// </summary>
public sealed record CapturedFrame(DateTimeOffset Timestamp, LinkLayers LinkType, byte[] Data, int OriginalLength);
