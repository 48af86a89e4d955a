using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NetProg.Transport.Internal;

namespace NetProg.Transport.Udp;

/// <summary>
/// Answers datagrams on one unconnected socket per bound address. One socket serves every peer: connecting it to the first
/// client, as netcat-style tools do, would shut out the others (nmap/nmap#1223: ncat's connected UDP listener).
/// </summary>
public sealed class UdpServer : IAsyncDisposable
{
    /// <summary>Larger than any UDP payload (65,507 bytes over IPv4, 65,527 over IPv6), so nothing is truncated.</summary>
    public const int MaxDatagramSize = 64 * 1024;

    // How often a thread blocked in recvfrom() looks at the stop token (its SO_RCVTIMEO).
    private static readonly TimeSpan StopCheckInterval = TimeSpan.FromMilliseconds(200);

    private readonly IReadOnlyList<Socket> _sockets;
    private readonly UdpServerOptions _options;
    private readonly ILogger _logger;
    private readonly UdpSourceGuard _guard;
    private readonly NearSources _near;
    private readonly SourceRateTable? _rates;
    private readonly DropReports _dropReports = new();
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
        _near = new NearSources(NearSources.LocalSubnets());
        // A table of our own rather than System.Threading.RateLimiting's partitioned limiter: that one keeps a limiter per source
        // until its idle sweep (a flood from 1.4 M spoofed sources grew the process by 300 MB) and allocates per datagram; this
        // one is a fixed array, bounded by construction (SourceRateTable).
        _rates = options.RateLimitPerSecond > 0 ? new SourceRateTable(options.RateLimitPerSecond) : null;
    }

    public IReadOnlyList<IPEndPoint> LocalEndPoints { get; }

    /// <summary>Datagrams not answered, by any rule.</summary>
    public long DroppedDatagrams => Interlocked.Read(ref _dropped);

    /// <summary>Called for every datagram not answered, for the counters.</summary>
    public Action<UdpDropReason>? DatagramDropped { get; set; }

    /// <summary>
    /// Called per answered datagram, and for a dropped one when it is to be logged: the first of a source and reason, then at
    /// most one a minute with the count since (<see cref="DatagramSummary.DroppedCount"/>).
    /// </summary>
    public Action<DatagramSummary>? DatagramHandled { get; set; }

    public static UdpServer Bind(IReadOnlyList<IPAddress> addresses, int port, UdpServerOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfZero(addresses.Count);
        var sockets = SocketFactory.BindAll(addresses, port, TransportProtocol.Udp, backlog: 0);
        return new UdpServer(sockets, options, logger);
    }

    /// <summary>Serves until <paramref name="stopping"/> fires. A datagram being answered is finished first.</summary>
    /// <remarks>
    /// One thread per socket in a blocking recvfrom(), then sendto(): the loop of the C servers students write, and at one
    /// system call per datagram each way, cheaper than an async receive that waits in epoll and resumes on the thread pool
    /// (0.52 of the C server that way: the UDP table of 01:04 in bench/history/2026-11-25-runs-before-step-22.md; the
    /// change is step 16 of bench/history/2026-11-steps-1-27.md). The receive timeout bounds how long a stop can go
    /// unnoticed.
    /// </remarks>
    public async Task RunAsync(UdpDatagramHandler handler, CancellationToken stopping)
    {
        var threads = _sockets.Select(socket =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    Serve(socket, handler, stopping);
                    done.SetResult();
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            })
            {
                IsBackground = true,
                Name = $"netprog udp {EndPointText.Format((IPEndPoint)socket.LocalEndPoint!)}",
            };
            thread.UnsafeStart();
            return done.Task;
        }).ToList();

        await Task.WhenAll(threads).ConfigureAwait(false);
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

        return ValueTask.CompletedTask;
    }

    private void Serve(Socket socket, UdpDatagramHandler handler, CancellationToken stopping)
    {
        var request = GC.AllocateUninitializedArray<byte>(MaxDatagramSize);
        var reply = GC.AllocateUninitializedArray<byte>(MaxDatagramSize);
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var address = new SocketAddress(local.AddressFamily);
        var sources = new SourceEndPoints(local.AddressFamily);
        socket.ReceiveTimeout = (int)StopCheckInterval.TotalMilliseconds;

        while (!stopping.IsCancellationRequested)
        {
            int receivedBytes;
            try
            {
                receivedBytes = socket.ReceiveFrom(request, SocketFlags.None, address);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
            {
                continue; // The receive timeout: look at the stop token.
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Shutdown)
            {
                return; // Closed by DisposeAsync.
            }
            catch (SocketException e)
            {
                // ICMP errors reported for an earlier reply (Linux ECONNREFUSED, Windows WSAECONNRESET) or a datagram too
                // large for the buffer: they concern one peer, never the server.
                TransportLog.DatagramFailed(_logger, "?", e.SocketErrorCode);
                continue;
            }

            var start = Stopwatch.GetTimestamp();
            var source = sources.GetSource(address);
            var remote = source.EndPoint;
            var key = SourceKey.Of(remote.Address);
            var reason = Admit(remote, key, start);
            if (reason == UdpDropReason.None && _options.LoopGuard && source.Streak.IsLoop(ReflectionStreak.Fingerprint(request.AsSpan(0, receivedBytes)), start))
            {
                reason = UdpDropReason.ReflectedLoop;
            }

            if (reason != UdpDropReason.None)
            {
                Interlocked.Increment(ref _dropped);
                DatagramDropped?.Invoke(reason);
                if (_dropReports.Record(key, reason, start, out var count, out var since))
                {
                    var elapsed = TimeSpan.FromSeconds((double)since / Stopwatch.Frequency);
                    DatagramHandled?.Invoke(new DatagramSummary(remote, local, receivedBytes, 0, elapsed, reason, count));
                }

                continue;
            }

            int length;
            try
            {
                length = handler(request.AsSpan(0, receivedBytes), remote, reply);
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

            if (_options.LoopGuard)
            {
                source.Streak.Replied(ReflectionStreak.Fingerprint(reply.AsSpan(0, length)));
            }

            try
            {
                socket.SendTo(reply.AsSpan(0, length), SocketFlags.None, address);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                TransportLog.DatagramFailed(_logger, EndPointText.Format(remote), e.SocketErrorCode);
                continue;
            }

            DatagramHandled?.Invoke(new DatagramSummary(remote, local, receivedBytes, length, Stopwatch.GetElapsedTime(start), UdpDropReason.None));
        }
    }

    private UdpDropReason Admit(IPEndPoint remote, SourceKey key, long timestamp)
    {
        if (_options.LoopGuard)
        {
            var reason = _guard.Check(remote);
            if (reason != UdpDropReason.None)
            {
                return reason;
            }
        }

        if (_rates is not null && !_near.Contains(remote.Address))
        {
            return _rates.TryTake(key, timestamp);
        }

        return UdpDropReason.None;
    }
}
