namespace NetProg.Services.Check.Udp;

/// <summary>One datagram a check's socket received, and where it came from.</summary>
internal sealed record UdpDatagram(byte[] Data, IPEndPoint Source);
