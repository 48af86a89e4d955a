using NetProg.Transport;

namespace NetProg.Services.Forward;

/// <summary>
/// One client endpoint's mapping (a NAT's UDP binding, RFC 4787 §4): an outgoing socket connected to the target, so the kernel
/// delivers on it only datagrams from the target (connect(2) on a UDP socket filters by source), and reports ICMP port
/// unreachable from the target as ECONNREFUSED on it.
/// </summary>
internal sealed class UdpSession
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastActivity = Environment.TickCount64;
    private long _bytesToTarget;
    private long _bytesToClient;
    private long _datagramsToTarget;
    private long _datagramsToClient;
    private int _targetRefused;

    public UdpSession(UdpPort port, IPEndPoint client)
    {
        Port = port;
        Client = client;
        Outgoing = ListenerSockets.ConnectedUdp(port.Listener.Target);
    }

    public UdpPort Port { get; }

    public IPEndPoint Client { get; }

    public Socket Outgoing { get; }

    public long IdleMilliseconds => Environment.TickCount64 - Volatile.Read(ref _lastActivity);

    public void SentToTarget(int bytes)
    {
        Interlocked.Add(ref _bytesToTarget, bytes);
        Interlocked.Increment(ref _datagramsToTarget);
        Volatile.Write(ref _lastActivity, Environment.TickCount64);
    }

    public void SentToClient(int bytes)
    {
        Interlocked.Add(ref _bytesToClient, bytes);
        Interlocked.Increment(ref _datagramsToClient);
        Volatile.Write(ref _lastActivity, Environment.TickCount64);
    }

    /// <summary>The target has sent at least one datagram back.</summary>
    public bool Answered => Interlocked.Read(ref _datagramsToClient) > 0;

    /// <summary>The target answered with ICMP port unreachable at least once.</summary>
    public void TargetRefused() => Volatile.Write(ref _targetRefused, 1);

    public RelaySummary Close(RelayEnd end)
    {
        Outgoing.Dispose();
        if (Volatile.Read(ref _targetRefused) == 1 && Interlocked.Read(ref _datagramsToClient) == 0)
        {
            // Nothing ever came back and the target said so: name that, rather than "expired".
            end = RelayEnd.TargetRefused;
        }

        return new RelaySummary(
            TransportProtocol.Udp, Client, EndPointText.Normalize(Port.Listener.EndPoint), Port.Listener.Target,
            Interlocked.Read(ref _bytesToTarget), Interlocked.Read(ref _bytesToClient),
            Interlocked.Read(ref _datagramsToTarget), Interlocked.Read(ref _datagramsToClient),
            Stopwatch.GetElapsedTime(_started), end);
    }
}
