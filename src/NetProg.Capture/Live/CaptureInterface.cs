namespace NetProg.Capture.Live;

/// <summary>A device libpcap (or Npcap) can capture on: its name for <c>--interface</c>, a description and its addresses.</summary>
public sealed record CaptureInterface(string Name, string? Description, IReadOnlyList<IPAddress> Addresses, bool IsLoopback);
