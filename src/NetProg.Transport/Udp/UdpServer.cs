using System.Buffers;
using Microsoft.Extensions.Logging;
using NetProg.Transport.Internal;

namespace NetProg.Transport.Udp;

/// <summary>
/// The UDP host: every UDP server and <c>forward</c>'s UDP side. One unconnected socket per bound address (or per port of
/// a range) serves every peer: connecting it to the first client, as netcat-style tools do, would shut out the others
/// (nmap/nmap#1223: ncat's connected UDP listener). Each datagram is admitted first (<see cref="UdpServerOptions.AllowClient"/>,
/// then <see cref="UdpSourceGuard"/>, the rate limits and the loop guard); then a <see cref="UdpDatagramHandler"/> answers it
/// at once (the servers), or a <see cref="UdpDatagramReceiver"/> takes it and answers when it can (the relay).
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
    private readonly RefusedSources _refused = new();
    private long _dropped;

    private UdpServer(IReadOnlyList<Socket> sockets, UdpServerOptions options, ILogger logger)
    {
        _sockets = sockets;
        _options = options;
        _logger = logger;
        Listeners = sockets.Select((socket, index) => new UdpListener(socket, index)).ToArray();
        LocalEndPoints = Listeners.Select(l => l.LocalEndPoint).ToArray();
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

    /// <summary>The bound sockets, in the order they were bound.</summary>
    public IReadOnlyList<UdpListener> Listeners { get; }

    /// <summary>
    /// Called for a datagram refused by <see cref="UdpServerOptions.AllowClient"/>, with what to log about it
    /// (<see cref="RefusedSources"/>: an address at most once a minute, and a summary of those not named).
    /// </summary>
    public Action<IPEndPoint, RefusalNotice>? ClientRefused { get; set; }

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

    /// <summary>
    /// Serves on UDP sockets already bound (<see cref="ListenerSockets.Bind"/>: <c>forward</c> binds a whole range, TCP and UDP
    /// on the same ports, before it starts). The server owns them from here on.
    /// </summary>
    public static UdpServer Listen(IReadOnlyList<Socket> sockets, UdpServerOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sockets.Count);
        if (sockets.Any(s => s.ProtocolType != ProtocolType.Udp || s.LocalEndPoint is null))
        {
            throw new ArgumentException("every socket must be a bound UDP socket", nameof(sockets));
        }

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
        await DisposeAsync().ConfigureAwait(false);
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
            catch (SocketException e)
            {
                if (SocketClosed(e))
                {
                    return;
                }

                continue;
            }

            var start = Stopwatch.GetTimestamp();
            var source = sources.GetSource(address);
            var remote = source.EndPoint;
            if (Refused(remote))
            {
                continue;
            }

            var key = SourceKey.Of(remote.Address);
            var reason = Admit(remote, key, start);
            if (reason == UdpDropReason.None && _options.LoopGuard && source.Streak.IsLoop(ReflectionStreak.Fingerprint(request.AsSpan(0, receivedBytes)), start))
            {
                reason = UdpDropReason.ReflectedLoop;
            }

            if (reason != UdpDropReason.None)
            {
                Drop(reason, key, remote, local, receivedBytes, start);
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

    /// <summary>
    /// Serves until <paramref name="stopping"/> fires, handing each admitted datagram to <paramref name="receiver"/>; the
    /// receiver's task is awaited before the socket's next receive. A datagram being taken is finished first.
    /// </summary>
    /// <remarks>
    /// Asynchronous, unlike the handler's threads: <c>forward</c> may listen on a whole range, 10,001 sockets, and a thread each
    /// would be 10,001 threads. Each socket waits with a zero-byte MSG_PEEK receive, which leaves the datagram queued and holds
    /// no buffer; a pooled 64 KiB buffer is taken only for a datagram that is there (10,001 pending receives with a buffer each
    /// would hold 640 MB). The loop guard's reflection streak does not apply: a receiver's answers are not the server's own.
    /// </remarks>
    public async Task RunAsync(UdpDatagramReceiver receiver, CancellationToken stopping)
    {
        await Task.WhenAll(Listeners.Select(l => ReceiveLoopAsync(l, receiver, stopping))).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync(UdpListener listener, UdpDatagramReceiver receiver, CancellationToken stopping)
    {
        var socket = listener.Socket;
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            byte[]? buffer = null;
            try
            {
                SocketReceiveFromResult received;
                try
                {
                    await ListenerSockets.WaitForDatagramAsync(socket, any, stopping).ConfigureAwait(false);
                    buffer = ArrayPool<byte>.Shared.Rent(MaxDatagramSize);
                    received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException e)
                {
                    if (SocketClosed(e))
                    {
                        return;
                    }

                    continue;
                }

                var start = Stopwatch.GetTimestamp();
                var remote = EndPointText.Normalize((IPEndPoint)received.RemoteEndPoint);
                if (Refused(remote))
                {
                    continue;
                }

                var key = SourceKey.Of(remote.Address);
                var reason = Admit(remote, key, start);
                if (reason != UdpDropReason.None)
                {
                    Drop(reason, key, remote, listener.LocalEndPoint, received.ReceivedBytes, start);
                    continue;
                }

                try
                {
                    await receiver(listener, remote, buffer.AsMemory(0, received.ReceivedBytes), stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // One bad datagram must not stop the service for everyone else.
                    TransportLog.HandlerFailed(_logger, EndPointText.Format(remote), e);
                }
            }
            finally
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }

    /// <summary>
    /// A failed receive: true when the socket was closed (by <see cref="DisposeAsync"/>), so the loop ends. Any other failure
    /// concerns one peer, never the server, and is logged: an ICMP error reported for an earlier reply (Linux ECONNREFUSED,
    /// Windows WSAECONNRESET), a datagram too large for the buffer.
    /// </summary>
    private bool SocketClosed(SocketException e)
    {
        if (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Shutdown)
        {
            return true;
        }

        TransportLog.DatagramFailed(_logger, "?", e.SocketErrorCode);
        return false;
    }

    /// <summary>Applies <see cref="UdpServerOptions.AllowClient"/>: true when <paramref name="remote"/> is refused (and reported).</summary>
    private bool Refused(IPEndPoint remote)
    {
        if (_options.AllowClient is not { } allow || allow(remote.Address))
        {
            return false;
        }

        try
        {
            ClientRefused?.Invoke(remote, _refused.Record(remote.Address));
        }
        catch (Exception e)
        {
            // As TcpServer: a failing callback must not end the receive loop (every later datagram of that socket).
            TransportLog.CallbackFailed(_logger, e);
        }

        return true;
    }

    /// <summary>Counts a datagram not answered, and reports it when <see cref="DropReports"/> says it is time to.</summary>
    private void Drop(UdpDropReason reason, SourceKey key, IPEndPoint remote, IPEndPoint local, int receivedBytes, long start)
    {
        Interlocked.Increment(ref _dropped);
        DatagramDropped?.Invoke(reason);
        if (_dropReports.Record(key, reason, start, out var count, out var since))
        {
            var elapsed = TimeSpan.FromSeconds((double)since / Stopwatch.Frequency);
            DatagramHandled?.Invoke(new DatagramSummary(remote, local, receivedBytes, 0, elapsed, reason, count));
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
