using System.Net.NetworkInformation;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NetProg.Services.Hosting;
using NetProg.Transport;
using NetProg.Transport.Tcp;
using NetProg.Transport.Udp;

namespace NetProg.Services.Forward;

/// <summary>
/// Port forwarding in software, as a home router's "port forwarding" page does it in its NAT: every listening port (a whole
/// range if asked, TCP, UDP or both) relays to the same or a mapped port on one target host. TCP connections are served by
/// the connection host every server runs on (<see cref="TcpServer"/>: accept, --allow, --max-connections, idle timeout,
/// drain), each relayed by a <see cref="TcpRelay"/>; UDP datagrams are received by the UDP host every UDP server runs on
/// (<see cref="UdpServer"/>: --allow, the receive loops) and go through per-client sessions (<see cref="UdpSession"/>). Bind first (it fails up front, with nothing left bound), then <see cref="RunAsync"/> until
/// stopped.
/// </summary>
public sealed partial class Forwarder : IAsyncDisposable
{
    // Descriptors beyond the listening sockets and the relays: stdio, the runtime's own (epoll, eventfd, pipes), log files.
    private const int SpareDescriptors = 64;

    private readonly ForwardOptions _options;
    private readonly ILogger _logger;
    private readonly TcpServer? _tcp;
    // Where each bound TCP port forwards to.
    private readonly Dictionary<int, IPEndPoint> _tcpTargets;
    private readonly UdpServer? _udpServer;
    // Per UDP listener of the host, in its order (UdpListener.Index): the rule and the session table.
    private readonly IReadOnlyList<UdpPort> _udp = [];
    private readonly ConnectionsPerAddress _udpPerAddress;
    // Log writes (and the RelayEnded callback), in order, by one task off the relays' threads: see Defer.
    private readonly Channel<Action> _logWrites;
    private readonly Task _logWriter;

    private Forwarder(ForwardOptions options, ILogger logger, IReadOnlyList<(Socket, ForwardListener)> tcp, IReadOnlyList<(Socket, ForwardListener)> udp)
    {
        // Bounded (every queue is): past LogQueueCapacity lines waiting for a slow stderr, Defer writes the line itself, so
        // a flood of turned-away connections slows the accept loop instead of growing memory, and no line is lost.
        _logWrites = Channel.CreateBounded<Action>(new BoundedChannelOptions(options.LogQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _options = options;
        _logger = logger;
        _tcpTargets = tcp.Select(t => t.Item2).DistinctBy(l => l.EndPoint.Port).ToDictionary(l => l.EndPoint.Port, l => l.Target);
        Listening = [.. tcp.Select(t => t.Item2), .. udp.Select(u => u.Item2)];
        _udpPerAddress = new ConnectionsPerAddress(options.MaxConnectionsPerAddress, options.LimitLoopback);
        if (udp.Count > 0)
        {
            _udpServer = UdpServer.Listen([.. udp.Select(u => u.Item1)], UdpOptions(options), logger);
            _udpServer.ClientRefused = (client, notice) => Refuse(client, TransportProtocol.Udp, notice);
            _udp = _udpServer.Listeners.Select(l => new UdpPort(l, udp[l.Index].Item2, logger)).ToArray();
        }

        if (tcp.Count > 0)
        {
            _tcp = TcpServer.Listen([.. tcp.Select(t => t.Item1)], TcpOptions(options), logger);
            _tcp.ClientRefused = (client, notice) => Refuse(client, TransportProtocol.Tcp, notice);
            _tcp.ConnectionRejected = (client, limit) => Defer(limit == ConnectionLimit.Address
                ? () => ForwardLog.AddressFull(_logger, EndPointText.Format(client), _options.MaxConnectionsPerAddress)
                : () => ForwardLog.ConnectionRejected(_logger, EndPointText.Format(client), _options.MaxConnections));
        }

        _logWriter = Task.Run(WriteLogAsync);
    }

    /// <summary>UDP sessions counted against <see cref="ForwardOptions.MaxConnectionsPerAddress"/> now, by address (tests check the bound).</summary>
    internal int UdpSessionAddresses => _udpPerAddress.Addresses;

    /// <summary>The timeout of a UDP session never answered: <see cref="ForwardOptions.UnansweredUdpTimeout"/>, at most <see cref="ForwardOptions.UdpTimeout"/>.</summary>
    private double UnansweredSeconds => Math.Min(_options.UdpTimeout.TotalSeconds, _options.UnansweredUdpTimeout.TotalSeconds);

    /// <summary>Log lines waiting for the log task (tests check the bound).</summary>
    internal int PendingLogWrites => _logWrites.Reader.Count;

    /// <summary>Every bound socket, TCP first, in port order.</summary>
    public IReadOnlyList<ForwardListener> Listening { get; }

    /// <summary>TCP connections being relayed now.</summary>
    public int ActiveConnections => _tcp?.ActiveConnections ?? 0;

    /// <summary>UDP sessions open now.</summary>
    public int ActiveUdpSessions => Volatile.Read(ref _activeUdp);

    /// <summary>Called once per finished TCP connection and per ended UDP session (after its log line).</summary>
    public Action<RelaySummary>? RelayEnded { get; set; }

    /// <summary>Called for each client turned away by <see cref="ForwardOptions.Allow"/> (TCP connection or UDP datagram).</summary>
    public Action<IPEndPoint, TransportProtocol>? ClientRefused { get; set; }

    /// <summary>
    /// The descriptors the forwarder may need at once: one per listening socket, two per relayed TCP connection, one per UDP
    /// session, and a few for the runtime.
    /// </summary>
    public static long DescriptorsNeeded(ForwardOptions options)
    {
        var protocols = options.Protocols == ProtocolSelection.Both ? 2 : 1;
        long listeners = (long)options.Ports.Listen.Count * options.ListenAddresses.Count * protocols;
        long relays = (options.Protocols.HasFlag(ProtocolSelection.Tcp) ? 2L * options.MaxConnections : 0)
            + (options.Protocols.HasFlag(ProtocolSelection.Udp) ? options.MaxUdpSessions : 0);
        return listeners + relays + SpareDescriptors;
    }

    /// <summary>
    /// Checks the plan, raises the descriptor limit as far as the OS allows, and binds every socket, or none: a failure closes
    /// what was bound and throws <see cref="ForwardException"/> or <see cref="NetworkException"/> (port in use, ...).
    /// </summary>
    public static Forwarder Bind(ForwardOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfZero(options.ListenAddresses.Count);
        CheckNotSelf(options);
        CheckDescriptors(options);

        var tcp = new List<(Socket, ForwardListener)>();
        var udp = new List<(Socket, ForwardListener)>();
        try
        {
            for (var index = 0; index < options.Ports.Listen.Count; index++)
            {
                var target = new IPEndPoint(options.Target, options.Ports.TargetPort(index));
                BindPort(options, options.Ports.Listen.First + index, target, tcp, udp);
            }

            return new Forwarder(options, logger, tcp, udp);
        }
        catch
        {
            foreach (var (socket, _) in tcp)
            {
                socket.Dispose();
            }

            foreach (var (socket, _) in udp)
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Relays until <paramref name="stopping"/> fires; then stops accepting, lets open TCP connections finish for at most
    /// <see cref="ForwardOptions.ShutdownTimeout"/>, resets the rest, closes every UDP session and returns.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var loops = new List<Task>(2);
        if (_tcp is not null)
        {
            // The host stops accepting, lets open relays finish for at most ShutdownTimeout and resets the rest.
            loops.Add(_tcp.RunAsync(Relay, stopping));
        }

        if (_udpServer is not null)
        {
            loops.Add(_udpServer.RunAsync(RelayDatagramAsync, stopping));
        }

        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = _udp.Count > 0 ? HeartbeatAsync(heartbeatStop.Token) : Task.CompletedTask;

        await Task.WhenAll(loops).ConfigureAwait(false);
        await CloseListenersAsync().ConfigureAwait(false);

        await heartbeatStop.CancelAsync().ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
        CloseAllSessions(RelayEnd.Stopped);
        await FlushLogAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseListenersAsync().ConfigureAwait(false);
        if (_tcp is not null)
        {
            await _tcp.DisposeAsync().ConfigureAwait(false); // Its listeners closed, its relays reset.
        }

        CloseAllSessions(RelayEnd.Stopped);
        await FlushLogAsync().ConfigureAwait(false);
    }

    private static void BindPort(ForwardOptions options, int port, IPEndPoint target, List<(Socket, ForwardListener)> tcp, List<(Socket, ForwardListener)> udp)
    {
        // With port 0 and both protocols, TCP picks the port and UDP takes the same one.
        TransportProtocol[] protocols = options.Protocols switch
        {
            ProtocolSelection.Tcp => [TransportProtocol.Tcp],
            ProtocolSelection.Udp => [TransportProtocol.Udp],
            _ => [TransportProtocol.Tcp, TransportProtocol.Udp],
        };
        foreach (var socket in ListenerSockets.Bind(options.ListenAddresses, port, protocols))
        {
            var listener = new ForwardListener((IPEndPoint)socket.LocalEndPoint!, socket.ProtocolType == ProtocolType.Tcp ? TransportProtocol.Tcp : TransportProtocol.Udp, target);
            if (listener.Protocol == TransportProtocol.Tcp)
            {
                tcp.Add((socket, listener));
            }
            else
            {
                udp.Add((socket, listener));
            }
        }
    }

    private static void CheckDescriptors(ForwardOptions options)
    {
        var needed = DescriptorsNeeded(options);
        if (DescriptorLimit.Ensure(needed) is { } limit && limit < needed)
        {
            throw new ForwardException(
                $"forwarding {options.Ports.Listen.Count:N0} port(s) needs up to {needed:N0} open files (sockets), and this process may open only " +
                $"{limit:N0} (the hard limit, 'ulimit -Hn'). Raise it (as root: 'ulimit -Hn {needed}' in the shell that starts netprog, or " +
                "'nofile' in /etc/security/limits.conf; on macOS 'sudo launchctl limit maxfiles'), or forward fewer ports, listen on one " +
                "address (e.g. --listen 0.0.0.0:PORTS), or lower --max-connections.");
        }
    }

    /// <summary>
    /// A rule whose target is one of its own listening sockets would relay each connection to itself, which opens another, until
    /// the descriptors run out. Refused up front.
    /// </summary>
    private static void CheckNotSelf(ForwardOptions options)
    {
        var target = EndPointText.Normalize(options.Target);
        var targetPorts = options.Ports.Target;
        if (target.Equals(IPAddress.Any) || target.Equals(IPAddress.IPv6Any))
        {
            // "Every address" is a listener's word, not a host: connect() to it reaches this machine (Linux takes it as the
            // loopback address), and with the forwarded ports on the wildcard listeners, each connection became a relay to
            // itself. A name that resolves there (a hosts file that blocks a name maps it to 0.0.0.0) is refused alike.
            throw new ForwardException(
                $"--to {EndPointText.Format(target)} is not the address of a host: it means \"every address\" to a listener. " +
                "Name the target host (--to 127.0.0.1 for this machine, or another machine's address).");
        }

        if (!targetPorts.Overlaps(options.Ports.Listen))
        {
            return;
        }

        var self = options.ListenAddresses.Any(listen =>
            listen.Equals(target)
            || ((listen.Equals(IPAddress.Any) || listen.Equals(IPAddress.IPv6Any)) && listen.AddressFamily == target.AddressFamily && IsLocal(target)));
        if (self)
        {
            throw new ForwardException(
                $"--to {EndPointText.Format(target)}:{targetPorts} is one of the forwarder's own listening sockets, so each connection would be forwarded to itself. " +
                "Forward to another host, to other ports, or listen on another address (--listen ADDR:PORTS).");
        }
    }

    private static bool IsLocal(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Any(u => u.Address.Equals(address));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The host's settings for the TCP side: the forwarder's limits, and .NET's sockets, which hand the relay a
    /// <see cref="Socket"/> to copy from and to (<see cref="SocketConnection"/>).
    /// </summary>
    private static TcpServerOptions TcpOptions(ForwardOptions options) => new()
    {
        MaxConnections = options.MaxConnections,
        MaxConnectionsPerAddress = options.MaxConnectionsPerAddress,
        LimitLoopback = options.LimitLoopback,
        IdleTimeout = options.IdleTimeout,
        ShutdownTimeout = options.ShutdownTimeout,
        Backlog = ListenerSockets.DefaultBacklog,
        Engine = TransportEngine.Sockets,
        AllowClient = options.Allow.IsEveryone ? null : options.Allow.Allows,
    };

    /// <summary>
    /// The host's settings for the UDP side: --allow, and none of the servers' source rules. A relay passes on what its
    /// clients send, from any source port (an NTP client sends from 123, below the servers' 1024), at any rate; answering
    /// is the target's business.
    /// </summary>
    private static UdpServerOptions UdpOptions(ForwardOptions options) => new()
    {
        LoopGuard = false,
        RateLimitPerSecond = 0,
        AllowClient = options.Allow.IsEveryone ? null : options.Allow.Allows,
    };

    private ValueTask CloseListenersAsync() => _udpServer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void Refuse(IPEndPoint client, TransportProtocol protocol, RefusalNotice notice)
    {
        ClientRefused?.Invoke(client, protocol);
        var name = protocol == TransportProtocol.Tcp ? "tcp" : "udp";
        if (notice.Name)
        {
            Defer(() => ForwardLog.NotAllowed(_logger, name, EndPointText.Format(client.Address), _options.Allow.ToString()));
        }

        if (notice.OthersNotNamed > 0)
        {
            Defer(() => ForwardLog.RefusedNotNamed(_logger, name, notice.OthersNotNamed, notice.Over.TotalSeconds, RefusedSources.Capacity));
        }
    }

    /// <summary>
    /// Hands a log write to the log task. The relay's socket continuations may run on the socket engine's own thread (see
    /// <c>netprog forward</c>'s inline completions); a log line written there to a slow stderr pipe would stall every relay.
    /// Once the forwarder has stopped (the queue is closed), or when <see cref="ForwardOptions.LogQueueCapacity"/> lines
    /// already wait (stderr has not kept up for that long), the write is done here.
    /// </summary>
    private void Defer(Action write)
    {
        if (!_logWrites.Writer.TryWrite(write))
        {
            write();
        }
    }

    private async Task WriteLogAsync()
    {
        await foreach (var write in _logWrites.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            write();
        }
    }

    /// <summary>
    /// Waits (bounded) until every line written so far is out. The lines of the last relays and sessions, closed as the
    /// forwarder stops, were once queued to the thread pool and could be lost when the process exited right after.
    /// </summary>
    private async Task FlushLogAsync()
    {
        _logWrites.Writer.TryComplete();
        try
        {
            await _logWriter.WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // stderr is stuck (a terminal paused, a full pipe nobody reads): do not hang the stop on it.
        }
    }

    private void Report(RelaySummary summary) => Defer(() => ReportNow(summary));

    private void ReportNow(RelaySummary summary)
    {
        ForwardLog.Relayed(
            _logger,
            summary.Protocol == TransportProtocol.Tcp ? "tcp" : "udp",
            EndPointText.Format(summary.Client),
            EndPointText.Format(summary.Forwarder),
            EndPointText.Format(summary.Target),
            Amount(summary.BytesToTarget, summary.DatagramsToTarget, summary.Protocol),
            Amount(summary.BytesToClient, summary.DatagramsToClient, summary.Protocol),
            summary.Duration.TotalMilliseconds,
            Describe(summary));
        try
        {
            RelayEnded?.Invoke(summary);
        }
        catch (Exception e)
        {
            ForwardLog.CallbackFailed(_logger, e);
        }
    }

    private static string Amount(long bytes, long datagrams, TransportProtocol protocol) => protocol == TransportProtocol.Tcp
        ? $"{bytes} B"
        : $"{bytes} B in {datagrams} datagram{(datagrams == 1 ? string.Empty : "s")}";

    private string Describe(RelaySummary summary)
    {
        var target = EndPointText.Format(summary.Target, summary.Protocol);
        return summary.End switch
        {
            RelayEnd.Closed => "closed by both sides",
            RelayEnd.ClientReset => "reset by the client",
            RelayEnd.TargetReset => "reset by the target",
            RelayEnd.TargetRefused when summary.Protocol == TransportProtocol.Udp => $"target refused: ICMP port unreachable from {target}, nothing listens there",
            RelayEnd.TargetRefused => $"target refused: nothing listens on {target}",
            RelayEnd.TargetUnreachable => $"target unreachable: no route to {EndPointText.Format(summary.Target.Address)}",
            RelayEnd.TargetTimedOut => $"target timed out: no answer from {target} within {_options.ConnectTimeout.TotalSeconds:0.#} s",
            RelayEnd.TargetFailed => $"could not connect to {target}",
            RelayEnd.IdleTimeout when summary.Protocol == TransportProtocol.Udp => $"expired after {_options.UdpTimeout.TotalSeconds:0.###} s of silence",
            RelayEnd.Unanswered => $"never answered by {target}: expired after {UnansweredSeconds:0.###} s of silence",
            RelayEnd.IdleTimeout => $"idle for {_options.IdleTimeout.TotalSeconds:0.###} s, reset",
            RelayEnd.Stopped => "forwarder stopped",
            _ => summary.End.ToString(),
        };
    }

    /// <summary>
    /// One timer for every UDP session (Kestrel's heartbeat), instead of one timer reset on every datagram; the TCP relays'
    /// idle timeout is the host's own heartbeat.
    /// </summary>
    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(UnansweredSeconds * 1000 / 4, 10, 1000));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                ExpireSessions();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
