using System.IO.Pipelines;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.InMemory;

/// <summary>
/// A <see cref="TcpConnectionHandler"/> served over a real <see cref="TcpConnection"/> whose socket is a pair of bounded
/// pipes: the receive and send loops, the half-close, the linger and the close reason are the ones every server runs, but
/// no port is bound and nothing is scheduled by a kernel. For testing a protocol where the socket is not the point (the
/// way BedrockFramework and Kestrel test their protocols over in-memory transports); the transport itself is tested over
/// real sockets.
/// </summary>
public sealed class InMemoryConnection : IAsyncDisposable
{
    // The peer's pipe holds this much before our sends wait, as a socket's buffers would.
    private const int PeerBuffer = 64 * 1024;

    private static int s_nextPort;

    private readonly Pipe _toServer;
    private readonly Pipe _toClient;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _heartbeat;

    private InMemoryConnection(TcpConnectionHandler handler, TcpServerOptions options, IPEndPoint remote)
    {
        var pipe = new PipeOptions(pauseWriterThreshold: PeerBuffer, resumeWriterThreshold: PeerBuffer / 2, useSynchronizationContext: false);
        _toServer = new Pipe(pipe);
        _toClient = new Pipe(pipe);
        var io = new InMemoryConnectionIo(_toServer, _toClient, remote, new IPEndPoint(IPAddress.Loopback, 30000));
        var (input, output) = TcpServer.CreatePipeOptions(options, handlerOffLoop: false);
        Server = new TcpConnection(io, options, input, output);
        Completion = Server.RunAsync(handler, _stopping.Token);
        _heartbeat = HeartbeatAsync(options);
    }

    /// <summary>The server's side, as the handler sees it.</summary>
    public TcpConnection Server { get; }

    /// <summary>What the server sent; completes after its FIN, fails with a <see cref="SocketException"/> after its reset.</summary>
    public PipeReader Input => _toClient.Reader;

    /// <summary>What the client sends; completing it is the client's FIN.</summary>
    public PipeWriter Output => _toServer.Writer;

    /// <summary>The connection's end, with what the per-client log line would say.</summary>
    public Task<ConnectionSummary> Completion { get; }

    /// <summary>Starts <paramref name="handler"/> on a new connection from <paramref name="remote"/> (127.0.0.1 and a port of its own when null).</summary>
    public static InMemoryConnection Start(TcpConnectionHandler handler, TcpServerOptions? options = null, IPEndPoint? remote = null) =>
        new(handler, options ?? new TcpServerOptions(), remote ?? new IPEndPoint(IPAddress.Loopback, 40000 + (Interlocked.Increment(ref s_nextPort) % 20000)));

    /// <summary>The client resets the connection (RST): the server's next receive fails as on a socket.</summary>
    public void Reset() => _toServer.Writer.Complete(new SocketException((int)SocketError.ConnectionReset));

    /// <summary>The server stops, as on Ctrl+C: no new input is taken, and what was read is answered.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        ((IHostedConnection)Server).StopReceiving();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (!Completion.IsCompleted)
        {
            Server.Abort(CloseReason.ServerStopped);
        }

        try
        {
            await Completion.ConfigureAwait(false);
            await _heartbeat.ConfigureAwait(false);
        }
        finally
        {
            _stopping.Dispose();
        }
    }

    /// <summary>The host's heartbeat for this one connection: the idle timeout and the end of the linger.</summary>
    private async Task HeartbeatAsync(TcpServerOptions options)
    {
        var idleMs = (long)options.IdleTimeout.TotalMilliseconds;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(idleMs, (long)options.LingerTimeout.TotalMilliseconds) / 4, 5, 250)));
        while (!Completion.IsCompleted && await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            if (Server.IdleMilliseconds >= idleMs)
            {
                Server.Abort(CloseReason.IdleTimeout);
            }
            else
            {
                Server.EndLingerIfDue(Environment.TickCount64);
            }
        }
    }
}
