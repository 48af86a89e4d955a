using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using NetProg.Transport.Internal;
using NetProg.Transport.Linux;

namespace NetProg.Transport.Tcp;

/// <summary>
/// The one connection host of netprog: every TCP server and <c>forward</c> run on it. It accepts TCP connections on one or
/// more bound sockets, admits each against the limits (<see cref="TcpServerOptions.AllowClient"/>,
/// <see cref="TcpServerOptions.MaxConnections"/>, <see cref="TcpServerOptions.MaxConnectionsPerAddress"/>), runs a handler for it asynchronously (no thread per connection, so one
/// slow or idle client never holds up another), closes idle ones from one heartbeat, and on stop drains the open ones for
/// a bounded time before it aborts the rest. A handler is either a <see cref="TcpConnectionHandler"/> over a
/// <see cref="TcpConnection"/>'s pipes (the time, echo and login services) or a <see cref="SocketConnectionFactory"/>
/// whose connection drives the socket itself (the relay of <c>forward</c>).
/// </summary>
public sealed class TcpServer : IAsyncDisposable
{
    private readonly IReadOnlyList<Socket> _listeners;
    private readonly TcpServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IHostedConnection, Task> _connections = new();
    private readonly RefusedSources _refused = new();
    private readonly ConnectionsPerAddress _perAddress;
    private readonly (PipeOptions Input, PipeOptions Output) _pipeOptions;
    private readonly bool _epoll;
    private readonly EpollLoop[] _loops;
    private readonly bool _inline;
    private int _active;

    private TcpServer(IReadOnlyList<Socket> listeners, TcpServerOptions options, ILogger logger)
    {
        _listeners = listeners;
        _options = options;
        _logger = logger;
        _perAddress = new ConnectionsPerAddress(options.MaxConnectionsPerAddress, options.LimitLoopback);
        _epoll = UsesEpoll(options.Engine);
        _loops = _epoll ? EpollLoop.Shared(options.Epoll) : [];
        _inline = _epoll && options.InlineHandlers;
        _pipeOptions = CreatePipeOptions(options, handlerOffLoop: _epoll && !options.InlineHandlers);
        LocalEndPoints = listeners.Select(l => (IPEndPoint)l.LocalEndPoint!).ToArray();
    }

    /// <summary>The engine this server runs on: <see cref="TransportEngine.Epoll"/> or <see cref="TransportEngine.Sockets"/>.</summary>
    public TransportEngine Engine => _epoll ? TransportEngine.Epoll : TransportEngine.Sockets;

    /// <summary>The bound addresses, with the real port when 0 was asked for.</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints { get; }

    /// <summary>The limits this server runs with.</summary>
    public TcpServerOptions Options => _options;

    /// <summary>Connections being served now.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    /// <summary>Called once per finished connection, for the per-client log line and the counters.</summary>
    public Action<ConnectionSummary>? ConnectionClosed { get; set; }

    /// <summary>
    /// Called when a connection is turned away because <see cref="TcpServerOptions.MaxConnections"/> are open, or
    /// <see cref="TcpServerOptions.MaxConnectionsPerAddress"/> from its address: which one says the limit.
    /// </summary>
    public Action<IPEndPoint, ConnectionLimit>? ConnectionRejected { get; set; }

    /// <summary>Client addresses (IPv6: /64s) with a connection open now, each counted against the per-address limit.</summary>
    internal int CountedAddresses => _perAddress.Addresses;

    /// <summary>
    /// Called for a connection refused by <see cref="TcpServerOptions.AllowClient"/>, with what to log about it
    /// (<see cref="RefusedSources"/>: an address at most once a minute, and a summary of those not named).
    /// </summary>
    public Action<IPEndPoint, RefusalNotice>? ClientRefused { get; set; }

    /// <summary>Binds every address on <paramref name="port"/> (0: one free port shared by all). Throws <see cref="NetworkException"/>.</summary>
    public static TcpServer Bind(IReadOnlyList<IPAddress> addresses, int port, TcpServerOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfZero(addresses.Count);
        var listeners = SocketFactory.BindAll(addresses, port, TransportProtocol.Tcp, options.Backlog);
        return new TcpServer(listeners, options, logger);
    }

    /// <summary>
    /// Serves on sockets already bound and listening (<see cref="ListenerSockets.BindTcp"/>: <c>forward</c> binds a whole
    /// range of ports, TCP and UDP on the same numbers), and owns them from now on.
    /// </summary>
    public static TcpServer Listen(IReadOnlyList<Socket> listeners, TcpServerOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfZero(listeners.Count);
        return new TcpServer(listeners, options, logger);
    }

    /// <summary>
    /// Serves until <paramref name="stopping"/> fires, then stops accepting, lets in-flight connections finish for at most
    /// <see cref="TcpServerOptions.ShutdownTimeout"/>, aborts the rest and returns.
    /// </summary>
    public Task RunAsync(TcpConnectionHandler handler, CancellationToken stopping) => HostAsync(
        () => _epoll
            ? AcceptOnEpollAsync(handler, stopping)
            : Task.WhenAll(_listeners.Select(l => AcceptLoopAsync(l, (socket, remote) => Start(socket, remote, handler, stopping), stopping))),
        stopping);

    /// <summary>
    /// Serves as <see cref="RunAsync(TcpConnectionHandler, CancellationToken)"/> does, with connections that drive their socket
    /// themselves. On .NET's sockets only (<see cref="TransportEngine.Sockets"/>): the connection is handed a
    /// <see cref="Socket"/>.
    /// </summary>
    public Task RunAsync(SocketConnectionFactory factory, CancellationToken stopping)
    {
        if (_epoll)
        {
            throw new InvalidOperationException("a connection that drives its own socket needs TransportEngine.Sockets");
        }

        return HostAsync(
            () => Task.WhenAll(_listeners.Select(l => AcceptLoopAsync(l, (socket, remote) => StartOwned(socket, remote, factory, stopping), stopping))),
            stopping);
    }

    private async Task HostAsync(Func<Task> accept, CancellationToken stopping)
    {
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(heartbeatStop.Token);

        // Stop taking new input on every connection (a pending receive gives up): one registration for the server rather than
        // one per connection.
        using (stopping.Register(static state => ((TcpServer)state!).StopReceiving(), this))
        {
            await accept().ConfigureAwait(false);
        }

        CloseListeners();

        var draining = Task.WhenAll(_connections.Values);
        try
        {
            await draining.WaitAsync(_options.ShutdownTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            TransportLog.ShutdownAborting(_logger, _connections.Count, _options.ShutdownTimeout);
            foreach (var connection in _connections.Keys)
            {
                connection.Abort(CloseReason.ServerStopped);
            }

            await draining.ConfigureAwait(false);
        }

        await heartbeatStop.CancelAsync().ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        CloseListeners();
        foreach (var connection in _connections.Keys)
        {
            connection.Abort(CloseReason.ServerStopped);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The options of a connection's two pipes, chosen by the engine (whose thread runs the completions) and made once per
    /// server: they are the same for every connection, and at 10,000 idle
    /// connections each object kept per connection counts.
    /// </summary>
    /// <param name="handlerOffLoop">
    /// The transport's completions run on an event loop's thread (the epoll engine) but the handler may block: resume the
    /// handler on the thread pool, both when input arrives and when its full output pipe drains.
    /// </param>
    internal static (PipeOptions Input, PipeOptions Output) CreatePipeOptions(TcpServerOptions options, bool handlerOffLoop)
    {
        // Thresholds make the pipes bounded: the receive loop stops reading when the handler lags (TCP flow control then slows
        // the peer), and the handler's FlushAsync waits while the send loop lags. Inline schedulers: no thread hop per read.
        var handlerScheduler = handlerOffLoop ? PipeScheduler.ThreadPool : PipeScheduler.Inline;
        return (new PipeOptions(
            pauseWriterThreshold: options.MaxInputBufferSize,
            resumeWriterThreshold: options.MaxInputBufferSize / 2,
            readerScheduler: handlerScheduler,
            writerScheduler: PipeScheduler.Inline,
            useSynchronizationContext: false),
        new PipeOptions(
            pauseWriterThreshold: options.MaxOutputBufferSize,
            resumeWriterThreshold: options.MaxOutputBufferSize / 2,
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: handlerScheduler,
            useSynchronizationContext: false));
    }

    /// <summary>Epoll unless asked otherwise, on Linux only.</summary>
    internal static bool UsesEpoll(TransportEngine engine) => engine != TransportEngine.Sockets && OperatingSystem.IsLinux();

    private void StopReceiving()
    {
        foreach (var connection in _connections.Keys)
        {
            connection.StopReceiving();
        }
    }

    private void CloseListeners()
    {
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
    }

    private async Task AcceptLoopAsync(Socket listener, Action<Socket, IPEndPoint> accepted, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                                      || e is SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted })
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // "The connection got reset while it was in the backlog, so we try again." (Kestrel SocketConnectionListener)
                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
            {
                // EMFILE/ENFILE/ENOBUFS: the pending connection stays in the backlog; back off briefly instead of spinning.
                TransportLog.AcceptFailed(_logger, EndPointText.Format((IPEndPoint)listener.LocalEndPoint!), e.SocketErrorCode);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            IPEndPoint remote;
            try
            {
                remote = EndPointText.Normalize((IPEndPoint)socket.RemoteEndPoint!);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                socket.Dispose(); // Reset between accept() and here.
                continue;
            }

            if (!Admit(remote))
            {
                // Closed at once, with RST: the client is told no, and no handler (no relay's target) ever hears of it.
                ResetAndClose(socket);
                continue;
            }

            accepted(socket, remote);
        }
    }

    /// <summary>
    /// Admission, in order: <see cref="TcpServerOptions.AllowClient"/>, <see cref="TcpServerOptions.MaxConnections"/>,
    /// <see cref="TcpServerOptions.MaxConnectionsPerAddress"/>. An admitted connection holds a slot of both counts until
    /// <see cref="Release"/>; a refused one is reported here and is the caller's to reset.
    /// </summary>
    private bool Admit(IPEndPoint client)
    {
        if (_options.AllowClient is { } allow && !allow(client.Address))
        {
            Refused(client);
            return false;
        }

        if (Interlocked.Increment(ref _active) > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _active);
            Rejected(client, ConnectionLimit.Server);
            return false;
        }

        if (!_perAddress.TryAdd(client.Address))
        {
            Interlocked.Decrement(ref _active);
            Rejected(client, ConnectionLimit.Address);
            return false;
        }

        return true;
    }

    /// <summary>Frees the slots <see cref="Admit"/> gave <paramref name="client"/>.</summary>
    private void Release(IPEndPoint client)
    {
        _perAddress.Remove(client.Address);
        Interlocked.Decrement(ref _active);
    }

    private void Rejected(IPEndPoint client, ConnectionLimit limit)
    {
        try
        {
            ConnectionRejected?.Invoke(client, limit);
        }
        catch (Exception e)
        {
            TransportLog.CallbackFailed(_logger, e);
        }
    }

    private void Refused(IPEndPoint remote)
    {
        try
        {
            ClientRefused?.Invoke(remote, _refused.Record(remote.Address));
        }
        catch (Exception e)
        {
            TransportLog.CallbackFailed(_logger, e);
        }
    }

    private async Task AcceptOnEpollAsync(TcpConnectionHandler handler, CancellationToken stopping)
    {
        foreach (var listener in _listeners)
        {
            // TCP_NODELAY (a 64-byte reply must not wait for the peer's delayed ACK: Nagle, RFC 896 / RFC 1122 4.2.3.4) set once
            // on the listener: Linux copies it into every accepted socket (the new socket is a clone of the listener's,
            // nonagle included), which saves a setsockopt() per connection. ListenerTests checks that the kernel does.
            listener.NoDelay = true;
        }

        var acceptors = _listeners.Select(listener => new EpollAcceptor(
            listener,
            EpollLoop.Next(_loops),
            (fd, remote, local) => Accepted(fd, remote, local, handler, stopping),
            error => TransportLog.AcceptFailed(_logger, EndPointText.Format((IPEndPoint)listener.LocalEndPoint!), error))).ToList();
        try
        {
            foreach (var acceptor in acceptors)
            {
                acceptor.Start();
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            foreach (var acceptor in acceptors)
            {
                acceptor.Stop();
            }
        }
    }

    /// <summary>A connection accepted by an <see cref="EpollAcceptor"/>, on its loop's thread.</summary>
    private void Accepted(FileDescriptor fd, IPEndPoint remote, IPEndPoint local, TcpConnectionHandler handler, CancellationToken stopping)
    {
        var client = EndPointText.Normalize(remote);
        if (!Admit(client))
        {
            var refused = new EpollConnectionIo(fd, EpollLoop.Next(_loops), remote, local);
            try
            {
                refused.ResetOnClose(); // RST, as on the accept loop.
            }
            finally
            {
                refused.Dispose();
            }

            return;
        }

        var io = new EpollConnectionIo(fd, EpollLoop.Next(_loops), remote, local);
        if (!_inline)
        {
            try
            {
                io.Register();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Release(client);
                io.Dispose();
                return;
            }

            StartConnection(io, handler, stopping);
            return;
        }

        // An inline handler starts right here, on this thread, and runs until it first waits: a time server has sent its
        // reply and its FIN by then. Registering after that keeps epoll_ctl() out of the way between the client's
        // connect() and its reply; nothing could wait for an event before now.
        var connection = StartConnection(io, handler, stopping);
        try
        {
            io.Register();
        }
        catch (SocketException)
        {
            connection.Abort(CloseReason.Error);
        }
        catch (ObjectDisposedException)
        {
            // Already over (aborted by a stopping server): nothing to watch.
        }
    }

    /// <summary>
    /// Linger 0 makes close() send RST: the client learns at once that it was turned away, and no TIME_WAIT is left behind
    /// here under a connection flood.
    /// </summary>
    private static void ResetAndClose(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    private void StartOwned(Socket socket, IPEndPoint remote, SocketConnectionFactory factory, CancellationToken stopping)
    {
        SocketConnection? connection;
        try
        {
            connection = factory(socket, remote);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            connection = null; // Reset between accept() and here: nothing to serve.
        }

        if (connection is null)
        {
            Release(remote);
            socket.Dispose();
            return;
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connections[connection] = gate.Task;
        _ = ServeOwnedAsync(connection, remote, gate, stopping);
    }

    /// <param name="remote">The address <see cref="Admit"/> counted: the connection's own may no longer be readable once its socket is closed.</param>
    private async Task ServeOwnedAsync(SocketConnection connection, IPEndPoint remote, TaskCompletionSource gate, CancellationToken stopping)
    {
        await Task.Yield(); // Off the accept loop at once, as ServeAsync.
        try
        {
            await connection.RunAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TransportLog.ConnectionFailed(_logger, EndPointText.Format(remote), e);
        }

        // Free the slot before telling anyone the connection is over, as ServeAsync.
        Release(remote);
        _connections.TryRemove(connection, out _);
        try
        {
            connection.Ended();
        }
        catch (Exception e)
        {
            TransportLog.CallbackFailed(_logger, e);
        }
        finally
        {
            gate.SetResult();
        }
    }

    private void Start(Socket socket, IPEndPoint remote, TcpConnectionHandler handler, CancellationToken stopping)
    {
        SocketConnectionIo io;
        try
        {
            socket.NoDelay = true;
#pragma warning disable CA2000 // why: StartConnection hands it to a TcpConnection, which disposes it when the connection ends.
            io = new SocketConnectionIo(socket);
#pragma warning restore CA2000
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Reset between accept() and here: nothing to serve.
            Release(remote);
            socket.Dispose();
            return;
        }

        StartConnection(io, handler, stopping);
    }

    private TcpConnection StartConnection(ConnectionIo io, TcpConnectionHandler handler, CancellationToken stopping)
    {
        var connection = new TcpConnection(io, _options, _pipeOptions.Input, _pipeOptions.Output);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connections[connection] = gate.Task;
        if (stopping.IsCancellationRequested)
        {
            connection.StopReceiving(); // Accepted as the server began to stop, after StopReceiving went through the others.
        }

        _ = ServeAsync(connection, handler, gate, stopping);
        return connection;
    }

    private async Task ServeAsync(TcpConnection connection, TcpConnectionHandler handler, TaskCompletionSource gate, CancellationToken stopping)
    {
        if (!_inline)
        {
            // Off the accept loop at once: a handler's synchronous start must not delay the next accept. (A named method
            // rather than Task.Run with a lambda: no closure, no wrapper task, kept per connection for its whole life.) An
            // inline handler starts right here on the loop's thread: it never blocks, by contract.
            await Task.Yield();
        }

        ConnectionSummary? summary = null;
        try
        {
            summary = await connection.RunAsync(handler, stopping).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TransportLog.ConnectionFailed(_logger, EndPointText.Format(connection.RemoteEndPoint), e);
        }


        // With the epoll engine this runs on the loop's thread: the callback (counters, one log line) is called right here,
        // as a C server's printf after close(). Handing it to the thread pool instead cost two sched_yield() per connection
        // of a time server (the pool's spinning workers) and a fifth of its connections/s.
        // Free the slot before telling anyone the connection is over: a client that connects as soon as it hears
        // of it must find the slot free.
        Release(connection.RemoteEndPoint);
        _connections.TryRemove(connection, out _);
        try
        {
            if (summary is not null)
            {
                ConnectionClosed?.Invoke(summary);
            }
        }
        catch (Exception e)
        {
            TransportLog.CallbackFailed(_logger, e);
        }
        finally
        {
            gate.SetResult();
        }
    }

    /// <summary>
    /// One timer for all connections (Kestrel's heartbeat), instead of one timer reset on every read: idle timeouts, and the
    /// end of the wait for a peer's FIN (<see cref="TcpServerOptions.LingerTimeout"/>, up to a quarter of it late).
    /// </summary>
    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var idleMs = (long)_options.IdleTimeout.TotalMilliseconds;
        var lingerMs = (long)_options.LingerTimeout.TotalMilliseconds;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(idleMs, lingerMs) / 4, 10, 1000));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                foreach (var connection in _connections.Keys)
                {
                    if (connection.IdleMilliseconds >= idleMs)
                    {
                        connection.Abort(CloseReason.IdleTimeout);
                    }
                    else
                    {
                        connection.EndLingerIfDue(now);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
