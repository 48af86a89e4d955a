namespace NetProg.Capture.Session;

/// <summary>What a capture session reads, keeps and writes, and when it stops. Every option is off (null, false) by default.</summary>
/// <param name="Interface">Live only: the interface to open. Default: the one carrying <paramref name="Port"/>'s traffic, else loopback.</param>
/// <param name="Port">Only this port's TCP and UDP packets and the ICMP errors about them (<see cref="PortFilter"/>). Default: all.</param>
/// <param name="Filter">A BPF filter (tcpdump's syntax), with <paramref name="Port"/> when both are given. Default: none.</param>
/// <param name="Count">Stop after this many packets shown. Default: no limit.</param>
/// <param name="Duration">Live only: stop after this long. Default: until cancelled (Ctrl+C).</param>
/// <param name="Write">Write every frame that passes the filters to this pcap file, owner-only (<see cref="Pcap.CaptureFiles"/>). Default: none.</param>
/// <param name="Follow">Reassemble each TCP conversation (<see cref="CaptureSummary.Streams"/>). Default: off.</param>
/// <param name="FlowGraph">Keep the events of the flow graph (<see cref="CaptureSummary.GraphEvents"/>). Default: off.</param>
/// <param name="Owner">Give the pcap file to this user (Unix, when running as root: chown(2)). Default: whoever runs the capture.</param>
public sealed record CaptureSessionOptions(
    string? Interface = null,
    int? Port = null,
    string? Filter = null,
    int? Count = null,
    TimeSpan? Duration = null,
    string? Write = null,
    bool Follow = false,
    bool FlowGraph = false,
    Pcap.FileOwner? Owner = null);
