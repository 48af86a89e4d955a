namespace NetProg.Transport.Udp;

/// <summary>What the per-client log line says about one answered (or dropped) datagram.</summary>
/// <param name="Duration">For an answered datagram, how long answering took; for a drop, the time since the previous line about this source and reason (zero for the first).</param>
/// <param name="DroppedCount">For a drop, the datagrams dropped since the previous line about this source and reason, this one included (1 for the first).</param>
public readonly record struct DatagramSummary(IPEndPoint RemoteEndPoint, IPEndPoint LocalEndPoint, int BytesReceived, int BytesSent, TimeSpan Duration, UdpDropReason DropReason, long DroppedCount = 0);
