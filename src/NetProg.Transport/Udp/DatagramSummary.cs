using System.Net;

namespace NetProg.Transport.Udp;

/// <summary>What the per-client log line says about one answered (or dropped) datagram.</summary>
public readonly record struct DatagramSummary(IPEndPoint RemoteEndPoint, IPEndPoint LocalEndPoint, int BytesReceived, int BytesSent, TimeSpan Duration, UdpDropReason DropReason);
