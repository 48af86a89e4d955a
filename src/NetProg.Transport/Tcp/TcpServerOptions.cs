namespace NetProg.Transport.Tcp;

/// <summary>Limits of a <see cref="TcpServer"/>. Every limit has a default; none is unbounded.</summary>
public sealed record TcpServerOptions
{
    /// <summary>
    /// Connections served at once; one more is reset at once (and logged) instead of waiting unseen in the backlog.
    /// Defaults to 1,000 (ncat uses 100, xinetd's shipped <c>instances</c> 30; the course labs need far fewer).
    /// </summary>
    public int MaxConnections { get; init; } = 1000;

    /// <summary>
    /// Connections served at once from one client address (IPv6: one /64, <see cref="SourceKey"/>), so that one host cannot
    /// hold every slot of <see cref="MaxConnections"/> and keep everyone else out; one more is reset at once, as past
    /// <see cref="MaxConnections"/>. Defaults to 100, a tenth of the server's (a browser opens 6 per server, RFC 9112 §9.4
    /// asks clients to limit themselves; the course's clients open one). Loopback clients are not counted unless
    /// <see cref="LimitLoopback"/>.
    /// </summary>
    public int MaxConnectionsPerAddress { get; init; } = 100;

    /// <summary>
    /// Counts loopback clients against <see cref="MaxConnectionsPerAddress"/> too. Off by default: every 127/8 address is this
    /// machine, and a local user can bind any of them (<see cref="SourceKey.IsLoopback"/>), so the bound would stop no one
    /// there and would only hold back a load test run on the server's own machine (<c>netprog bench</c>).
    /// </summary>
    public bool LimitLoopback { get; init; }

    /// <summary>A connection with no byte received or sent for this long is closed. Defaults to 5 minutes.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>On stop, how long in-flight connections may take to finish before they are aborted. Defaults to 5 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After the server has sent everything and its FIN, how long to wait for the client's FIN before closing. Closing with unread
    /// input makes the kernel send RST, which can destroy the reply the client has not read yet (RFC 1122 §4.2.2.13); waiting a
    /// little lets the client close first. Defaults to 2 seconds. Not used for a client that has sent nothing at all, on the
    /// epoll engine: there is no input to leave unread, and the connection closes at once (docs/TRANSPORT.md).
    /// </summary>
    public TimeSpan LingerTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Pending connections the kernel queues before accept. Defaults to 512, as Kestrel.</summary>
    public int Backlog { get; init; } = 512;

    /// <summary>
    /// Bytes received but not yet consumed by the handler before the server stops reading, so that TCP flow control slows the
    /// sender. Defaults to 64 KiB.
    /// </summary>
    public int MaxInputBufferSize { get; init; } = 64 * 1024;

    /// <summary>
    /// Bytes the handler may have written but not yet sent before its writes wait. "Unlimited server buffering is a security
    /// risk given untrusted clients" (Kestrel SocketTransportOptions). Defaults to 64 KiB.
    /// </summary>
    public int MaxOutputBufferSize { get; init; } = 64 * 1024;

    /// <summary>
    /// Which client addresses may connect (<c>forward --allow</c>); null (the default) admits everyone. A refused connection
    /// is reset at once, before it takes a slot, and reported through <see cref="TcpServer.ClientRefused"/>.
    /// </summary>
    public Predicate<IPAddress>? AllowClient { get; init; }

    /// <summary>What drives the sockets. Defaults to <see cref="TransportEngine.Auto"/>: epoll on Linux.</summary>
    public TransportEngine Engine { get; init; } = TransportEngine.Auto;

    /// <summary>The epoll engine's loops, when it drives the sockets.</summary>
    public EpollOptions Epoll { get; init; } = new();

    /// <summary>
    /// The handler never blocks and does little work per read (echo, time): with the epoll engine it then runs on the event
    /// loop's thread, right where the bytes arrived, with no thread-pool hop either way. Leave it off for a handler that can
    /// compute (password hashing) or wait on a database: on the loop's thread that would stall every other connection of it.
    /// </summary>
    public bool InlineHandlers { get; init; }
}
