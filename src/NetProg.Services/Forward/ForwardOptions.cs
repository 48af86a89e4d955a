using NetProg.Protocols.Forwarding;
using NetProg.Transport.Tcp;
using NetProg.Services.Hosting;

namespace NetProg.Services.Forward;

/// <summary>What a <see cref="Forwarder"/> listens on, where it forwards, and its limits. Every limit has a default; none is unbounded.</summary>
public sealed record ForwardOptions
{
    /// <summary>Local addresses to listen on (0.0.0.0 and [::] for "every address").</summary>
    public required IReadOnlyList<IPAddress> ListenAddresses { get; init; }

    /// <summary>The listening ports and the target port of each.</summary>
    public required PortMapping Ports { get; init; }

    /// <summary>The inner host, resolved once at start (a router's rule names an address too).</summary>
    public required IPAddress Target { get; init; }

    /// <summary>TCP, UDP or both. Defaults to TCP, like a router's rule.</summary>
    public ProtocolSelection Protocols { get; init; } = ProtocolSelection.Tcp;

    /// <summary>Client addresses that may use the forwarder. Defaults to everyone.</summary>
    public AllowList Allow { get; init; } = AllowList.Everyone;

    /// <summary>TCP connections relayed at once, over all ports; one more is reset at once and logged. Defaults to 1,000, as the servers.</summary>
    public int MaxConnections { get; init; } = 1000;

    /// <summary>
    /// TCP connections, and UDP sessions, at once from one client address (IPv6: one /64), so that one host cannot take every
    /// relay; loopback clients are not counted (<see cref="TcpServerOptions.LimitLoopback"/>). Defaults to 100, as the servers.
    /// </summary>
    public int MaxConnectionsPerAddress { get; init; } = 100;

    /// <summary>Count loopback clients against <see cref="MaxConnectionsPerAddress"/> too (a lab of several 127/8 addresses). Defaults to false.</summary>
    public bool LimitLoopback { get; init; }

    /// <summary>UDP sessions (client endpoints with their own outgoing socket) at once, over all ports; datagrams of a new client past it are dropped. Defaults to 1,000.</summary>
    public int MaxUdpSessions { get; init; } = 1000;

    /// <summary>A TCP connection with no byte either way for this long is closed (both sides reset). Defaults to 5 minutes, as the servers.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A UDP session with no datagram either way for this long is forgotten, and its outgoing socket closed. Defaults to 2 minutes,
    /// the least RFC 4787 REQ-5 lets a NAT use ("MUST NOT expire in less than two minutes").
    /// </summary>
    public TimeSpan UdpTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A UDP session the target has never answered is forgotten after this much silence instead (at most
    /// <see cref="UdpTimeout"/>): datagrams from a thousand ports of one host would otherwise hold a thousand sessions for two
    /// minutes. Defaults to 30 seconds, as Linux conntrack forgets a UDP flow seen one way only (<c>nf_conntrack_udp_timeout</c>).
    /// </summary>
    public TimeSpan UnansweredUdpTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the target to accept a TCP connection. Defaults to 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>On stop, how long open TCP connections may take to finish before they are reset. Defaults to 5 seconds, as the servers.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bytes read from one side before they are written to the other, per direction of a TCP connection during a bulk transfer
    /// (short messages use a 4 KiB buffer): the relay reads no more until they are sent, so a slow reader slows the sender
    /// through TCP flow control. Defaults to 64 KiB.
    /// </summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>Log lines that may wait for a slow stderr before the code that has one writes it itself. Defaults to 10,000.</summary>
    internal int LogQueueCapacity { get; init; } = 10_000;
}
