namespace NetProg.Services.Hosting;

/// <summary>Live counters of one service, read by <c>netprog lab</c>'s view. Updated once per client, never per read.</summary>
public sealed class ServerStats
{
    private long _tcpClients;
    private long _udpDatagrams;
    private long _dropped;
    private long _rejected;
    private long _bytesIn;
    private long _bytesOut;
    private int _active;

    public long TcpClients => Interlocked.Read(ref _tcpClients);

    public long UdpDatagrams => Interlocked.Read(ref _udpDatagrams);

    /// <summary>Datagrams not answered (loop guard or rate limit).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Connections turned away at the connection limit.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public long BytesIn => Interlocked.Read(ref _bytesIn);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    public int ActiveConnections => Volatile.Read(ref _active);

    public long ClientsServed => TcpClients + UdpDatagrams;

    internal void ConnectionOpened() => Interlocked.Increment(ref _active);

    internal void ConnectionClosed(long bytesIn, long bytesOut)
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Increment(ref _tcpClients);
        Interlocked.Add(ref _bytesIn, bytesIn);
        Interlocked.Add(ref _bytesOut, bytesOut);
    }

    internal void ConnectionRejected() => Interlocked.Increment(ref _rejected);

    internal void DatagramAnswered(long bytesIn, long bytesOut)
    {
        Interlocked.Increment(ref _udpDatagrams);
        Interlocked.Add(ref _bytesIn, bytesIn);
        Interlocked.Add(ref _bytesOut, bytesOut);
    }

    internal void DatagramDropped() => Interlocked.Increment(ref _dropped);
}
