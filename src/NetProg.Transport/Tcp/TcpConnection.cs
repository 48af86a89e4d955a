using System.IO.Pipelines;

namespace NetProg.Transport.Tcp;

/// <summary>
/// One accepted TCP connection: a receive loop feeding <see cref="Input"/> and a send loop draining <see cref="Output"/>, joined to
/// the handler by two bounded pipes (the shape of Kestrel's SocketConnection). Unlike Kestrel it honours half-close: a FIN from
/// the peer only completes <see cref="Input"/>, and our FIN is sent only after the handler completed <see cref="Output"/> and
/// every byte of it was sent (Kestrel cannot half-close: dotnet/aspnetcore#14937).
/// </summary>
#pragma warning disable CA1001 // _aborted has no timer: nothing to release, and Abort may race with the end of RunAsync.
public sealed partial class TcpConnection : IHostedConnection
#pragma warning restore CA1001
{
    private const int MinReceiveBuffer = 4096;

    // Largest single read once a peer is sending in bulk: twice the input pipe's bound (64 KiB by default), so that a burst
    // of exactly the bound fits in one read that comes back short. What the server holds stays bounded: the pipe stops the
    // receive loop once it holds MaxInputBufferSize, so one read of overshoot at most.
    private const int MaxReceiveBuffer = 128 * 1024;

    private readonly ConnectionIo _io;
    private readonly TcpServerOptions _options;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CountingPipeWriter _outputWriter;
    private readonly CancellationTokenSource _aborted = new();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private long _lastActivity = Environment.TickCount64;
    private ConnectionLifecycle _life = new();
    private long _bytesReceived;
    private long _bytesSent;
    private long _pipeBytesSent; // Of the bytes written to Output, those the send loop has sent (see NothingLeftToSend).

    internal TcpConnection(ConnectionIo io, TcpServerOptions options, PipeOptions inputOptions, PipeOptions outputOptions)
    {
        _io = io;
        _options = options;
        RemoteEndPoint = EndPointText.Normalize(io.RemoteEndPoint);
        LocalEndPoint = EndPointText.Normalize(io.LocalEndPoint);
        _input = new Pipe(inputOptions);
        _output = new Pipe(outputOptions);
        _outputWriter = new CountingPipeWriter(_output.Writer);
    }


    /// <summary>Bytes from the peer. Completes when the peer half-closes (FIN), or when the server stops.</summary>
    public PipeReader Input => _input.Reader;

    /// <summary>Bytes to the peer. Completing it sends FIN after the last byte. See also <see cref="SendAsync"/>.</summary>
    public PipeWriter Output => _outputWriter;

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Fires when the connection is aborted (reset by the peer, idle timeout, server stop).</summary>
    public CancellationToken Aborted => _aborted.Token;

    internal long IdleMilliseconds => Environment.TickCount64 - Volatile.Read(ref _lastActivity);

    /// <summary>Bytes that went through <see cref="Output"/> (written to it, or copied there by <see cref="SendAsync"/>).</summary>
    internal long BytesThroughOutput => _outputWriter.Written;

    internal CloseReason Reason => _life.Reason;

    /// <summary>Where the connection is in its life (<see cref="ConnectionLifecycle"/>).</summary>
    public ConnectionState State => _life.State;

    /// <summary>
    /// Every byte written to <see cref="Output"/> has been sent: the one signal that the socket may be offered new data
    /// directly (<see cref="SendAsync"/>). The send loop counts after its send() returns, so it cannot send again before
    /// more is written.
    /// </summary>
    private bool NothingLeftToSend => Volatile.Read(ref _pipeBytesSent) == _outputWriter.Written;

    /// <summary>Ends the connection at once: pending reads and writes fail, the socket is closed.</summary>
    internal void Abort(CloseReason reason)
    {
        _life.SetReason(reason);
        _life.Close();
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        // The send loop waits for output without a token (a registration per idle connection costs memory): wake it here.
        try
        {
            _output.Reader.CancelPendingRead();
        }
        catch (InvalidOperationException)
        {
        }

        if (reason == CloseReason.Error)
        {
            // A failed handler must not look like a finished reply: SO_LINGER 0 makes close() send RST instead of FIN.
            try
            {
                _io.ResetOnClose();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }

        _io.Dispose();
    }

    /// <summary>
    /// Called by the server's heartbeat: a connection that has sent everything and its FIN, and has waited for the peer's FIN
    /// for <see cref="TcpServerOptions.LingerTimeout"/>, is closed now. Not an abort: the reply was complete, and the close
    /// reason stays what it was.
    /// </summary>
    internal void EndLingerIfDue(long now)
    {
        if (!_life.LingerDue(now))
        {
            return;
        }

        _life.Close();

        // Cancelled first, so that the receive loop, woken by the disposal, reads its failed receive as the end it is.
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        _io.Dispose();
    }

    /// <summary>The server is stopping: a receive waiting for data looks at its (now cancelled) stop token.</summary>
    internal void StopReceiving()
    {
        _life.Stop();
        _io.WakeReceiver();
    }

    internal async Task<ConnectionSummary> RunAsync(TcpConnectionHandler handler, CancellationToken stopping)
    {
        var receiving = ReceiveLoopAsync(stopping);
        var sending = SendLoopAsync();
        try
        {
            await handler(this, stopping).ConfigureAwait(false);
            _life.HandlerFinished();
            await _output.Writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (!SocketErrors.IsConnectionGone(e))
            {
                _life.SetReason(CloseReason.Error);
            }

            await _output.Writer.CompleteAsync(e).ConfigureAwait(false);
        }

        // The handler will read no more: later input is read and discarded by the receive loop, only to see the FIN.
        await _input.Reader.CompleteAsync().ConfigureAwait(false);
        await sending.ConfigureAwait(false);

        if (!_aborted.IsCancellationRequested && !receiving.IsCompleted && !_life.ClosingAtOnce)
        {
            // Wait (bounded) for the peer's FIN before closing, so that our close does not turn into a RST that destroys data
            // the peer has not read yet. The bound is the server's heartbeat (EndLingerIfDue), not a timer per connection: one
            // timer per connection cost a time server an allocation and two timer-queue updates per connection.
            _life.BeginLinger(Environment.TickCount64 + (long)_options.LingerTimeout.TotalMilliseconds);
            await receiving.ConfigureAwait(false);
        }

        _life.Close();
        _io.Dispose();
        await receiving.ConfigureAwait(false);

        return new ConnectionSummary(RemoteEndPoint, LocalEndPoint, BytesReceived, BytesSent, Stopwatch.GetElapsedTime(_startTimestamp), Reason);
    }

    long IHostedConnection.IdleMilliseconds => IdleMilliseconds;

    void IHostedConnection.StopReceiving() => StopReceiving();

    void IHostedConnection.Abort(CloseReason reason) => Abort(reason);

    void IHostedConnection.EndLingerIfDue(long now) => EndLingerIfDue(now);

    private void Touch() => Volatile.Write(ref _lastActivity, Environment.TickCount64);
}
