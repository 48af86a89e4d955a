namespace NetProg.Capture.Session;

/// <summary>What a session reads: an interface or a capture file, and the BPF filter libpcap applies to a live capture.</summary>
/// <param name="Name">The interface's name (<c>lo</c>, <c>eth0</c>, <c>\Device\NPF_{...}</c>) or the file's path.</param>
/// <param name="IsFile">A capture file (<c>--read</c>) rather than an interface.</param>
/// <param name="IsLoopback">A loopback interface, where a lab on one machine talks to itself.</param>
/// <param name="Bpf">The filter text given to libpcap for a live capture (port and filter combined); null for none, and for files.</param>
public sealed record CaptureSource(string Name, bool IsFile, bool IsLoopback, string? Bpf);
