namespace NetProg.Transport.Tcp;

/// <summary>What the per-client log line says about a finished connection.</summary>
public sealed record ConnectionSummary(
    IPEndPoint RemoteEndPoint,
    IPEndPoint LocalEndPoint,
    long BytesReceived,
    long BytesSent,
    TimeSpan Duration,
    CloseReason Reason);
