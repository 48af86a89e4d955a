using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using NetProg.Transport.Internal;

namespace NetProg.Transport.Udp;

/// <summary>
/// Answers datagrams on one unconnected socket per bound address. One socket serves every peer: connecting it to the first
/// client, as netcat-style tools do, would shut out the others (research/anchors.md B.12).
/// </summary>
public sealed class UdpServer : IAsyncDisposable
{
    /// <summary>Larger than any UDP payload (65,507 bytes over IPv4, 65,527 over IPv6), so nothing is truncated.</summary>
    public const int MaxDatagramSize = 64 * 1024;

    // At most this many offending sources are remembered for "logged once per offender"; past it, drops are only counted.
    private const int MaxRememberedOffenders = 4096;

    private readonly IReadOnlyList<Socket> _sockets;
    private readonly UdpServerOptions _options;
    private readonly ILogger _logger;
    private readonly UdpSourceGuard _guard;
    private readonly PartitionedRateLimiter<IPAddress>? _rateLimiter;
    private readonly ConcurrentDictionary<(IPAddress, UdpDropReason), byte> _offenders = new();
    private long _dropped;

    private UdpServer(IReadOnlyList<Socket> sockets, UdpServerOptions options, ILogger logger)
    {
        _sockets = sockets;
        _options = options;
        _logger = logger;
        LocalEndPoints = sockets.Select(s => (IPEndPoint)s.LocalEndPoint!).ToArray();
        foreach (var endPoint in LocalEndPoints)
        {
            options.ServedPorts.Add(endPoint.Port);
        }

        _guard = new UdpSourceGuard(options.ServedPorts.Contains, UdpSourceGuard.LocalBroadcastAddresses());
        if (options.RateLimitPerSecond > 0)
        {
            var rate = options.RateLimitPerSecond;
            // Idle partitions are disposed by the limiter itself, so spoofed sources cannot grow this without bound.
            _rateLimiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetTokenBucketLimiter(
                address,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = rate,
                    TokensPerPeriod = Math.Max(1, rate / 10),
                    ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        }
    }

    public IReadOnlyList<IPEndPoint> LocalEndPoints { get; }

    /// <summary>Datagrams not answered, by any rule.</summary>
    public long DroppedDatagrams => Interlocked.Read(ref _dropped);

    /// <summary>Called for every datagram not answered, for the counters.</summary>
    public Action<UdpDropReason>? DatagramDropped { get; set; }

    /// <summary>Called per answered datagram, and for the first dropped datagram of each source and reason (for the log).</summary>
    public Action<DatagramSummary>? DatagramHandled { get; set; }

    public static UdpServer Bind(IReadOnlyList<IPAddress> addresses, int port, UdpServerOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfZero(addresses.Count);
        var sockets = SocketFactory.BindAll(addresses, port, TransportProtocol.Udp, backlog: 0);
        return new UdpServer(sockets, options, logger);
    }

    /// <summary>Serves until <paramref name="stopping"/> fires. A datagram being answered is finished first.</summary>
    public async Task RunAsync(UdpDatagramHandler handler, CancellationToken stopping)
    {
        await Task.WhenAll(_sockets.Select(s => Task.Run(() => ReceiveLoopAsync(s, handler, stopping), CancellationToken.None))).ConfigureAwait(false);
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _rateLimiter?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ReceiveLoopAsync(Socket socket, UdpDatagramHandler handler, CancellationToken stopping)
    {
        var request = GC.AllocateUninitializedArray<byte>(MaxDatagramSize, pinned: true);
        var reply = GC.AllocateUninitializedArray<byte>(MaxDatagramSize, pinned: true);
        var local = (IPEndPoint)socket.LocalEndPoint!;
        EndPoint any = new IPEndPoint(local.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);

        while (!stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(request, SocketFlags.None, any, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // ICMP errors reported for an earlier reply (Linux ECONNREFUSED, Windows WSAECONNRESET) or a datagram too
                // large for the buffer: they concern one peer, never the server.
                TransportLog.DatagramFailed(_logger, "?", e.SocketErrorCode);
                continue;
            }

            var start = Stopwatch.GetTimestamp();
            var remote = EndPointText.Normalize((IPEndPoint)received.RemoteEndPoint);
            var reason = Admit(remote);
            if (reason != UdpDropReason.None)
            {
                Interlocked.Increment(ref _dropped);
                DatagramDropped?.Invoke(reason);
                if (_offenders.Count < MaxRememberedOffenders && _offenders.TryAdd((remote.Address, reason), 0))
                {
                    DatagramHandled?.Invoke(new DatagramSummary(remote, local, received.ReceivedBytes, 0, TimeSpan.Zero, reason));
                }

                continue;
            }

            int length;
            try
            {
                length = handler(request.AsSpan(0, received.ReceivedBytes), remote, reply);
            }
            catch (Exception e)
            {
                // One bad datagram must not stop the service for everyone else.
                TransportLog.HandlerFailed(_logger, EndPointText.Format(remote), e);
                continue;
            }

            if (length < 0)
            {
                continue;
            }

            try
            {
                await socket.SendToAsync(reply.AsMemory(0, length), SocketFlags.None, received.RemoteEndPoint, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                TransportLog.DatagramFailed(_logger, EndPointText.Format(remote), e.SocketErrorCode);
                continue;
            }

            DatagramHandled?.Invoke(new DatagramSummary(remote, local, received.ReceivedBytes, length, Stopwatch.GetElapsedTime(start), UdpDropReason.None));
        }
    }

    private UdpDropReason Admit(IPEndPoint remote)
    {
        if (_options.LoopGuard)
        {
            var reason = _guard.Check(remote);
            if (reason != UdpDropReason.None)
            {
                return reason;
            }
        }

        if (_rateLimiter is not null)
        {
            using var lease = _rateLimiter.AttemptAcquire(remote.Address);
            if (!lease.IsAcquired)
            {
                return UdpDropReason.RateLimited;
            }
        }

        return UdpDropReason.None;
    }
}
