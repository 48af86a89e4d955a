using NetProg.Transport;

namespace NetProg.Services.Check.Login;

/// <summary>
/// One client connection of the login checks: bounded reads into a <see cref="ReplyBuffer"/>, each wait bounded by its
/// own time; sends whole or in pieces with pauses; a graceful close (FIN, then what is still coming is read, so no
/// unread byte turns the close into a reset) or a reset on purpose (SO_LINGER 0, socket(7)).
/// </summary>
/// <remarks>
/// At most one receive is outstanding: when a wait ends first, the receive stays pending and the next wait takes it
/// over, so no socket operation is ever cancelled half-way.
/// </remarks>
internal sealed class LoginConnection : IAsyncDisposable
{
    /// <summary>The most bytes one conversation reads from a server: a login is a few lines; beyond that is garbage.</summary>
    public const int MaxReceived = 256 * 1024;

    /// <summary>The pause between the pieces of a fragmented line: long enough for each piece to be its own segment and recv().</summary>
    public static readonly TimeSpan PiecePause = TimeSpan.FromMilliseconds(100);

    /// <summary>After the first byte of a fragmented line, how many bytes each piece holds.</summary>
    public const int PieceSize = 4;

    private static readonly TimeSpan CloseDrain = TimeSpan.FromMilliseconds(300);

    private readonly Socket _socket;
    private readonly byte[] _chunk = new byte[4096];
    private Task<int>? _receive;
    private long _received;
    private bool _disposed;

    private LoginConnection(Socket socket) => _socket = socket;

    public ReplyBuffer Replies { get; } = new();

    /// <summary>How the stream ended (closed, reset, too much), or <see cref="ReceiveEnd.None"/> while it is open.</summary>
    public ReceiveEnd End { get; private set; }

    /// <summary>Connects within <paramref name="timeout"/>; on failure the error's class instead.</summary>
    public static async Task<(LoginConnection? Connection, SocketErrorKind Error)> OpenAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // NoDelay: each piece of a fragmented line leaves at once as its own segment (no Nagle coalescing, RFC 896).
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            return (new LoginConnection(socket), SocketErrorKind.Other);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return (null, SocketErrorKind.TimedOut);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (null, SocketErrors.Classify(e));
        }
    }

    /// <summary>
    /// Waits at most <paramref name="wait"/> for more bytes. True when some came (they are in <see cref="Replies"/>);
    /// false when nothing came in time or the stream has ended (<see cref="End"/> says how).
    /// </summary>
    public async Task<bool> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (End != ReceiveEnd.None)
        {
            return false;
        }

        // Not the caller's token: this receive outlives the wait and is taken over by the next one (or ends with the socket).
        _receive ??= _socket.ReceiveAsync(_chunk.AsMemory(), SocketFlags.None, CancellationToken.None).AsTask();
        if (!_receive.IsCompleted)
        {
            try
            {
                await _receive.WaitAsync(wait <= TimeSpan.Zero ? TimeSpan.Zero : wait, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
            catch (SocketException)
            {
                // Read below from the finished task.
            }
        }

        var receive = _receive;
        _receive = null;
        int count;
        try
        {
            count = await receive.ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            End = SocketErrors.Classify(e) is SocketErrorKind.ConnectionReset or SocketErrorKind.ConnectionAborted ? ReceiveEnd.Reset : ReceiveEnd.Closed;
            return false;
        }

        if (count == 0)
        {
            End = ReceiveEnd.Closed;
            return false;
        }

        Replies.Append(_chunk.AsSpan(0, count));
        _received += count;
        if (_received > MaxReceived)
        {
            End = ReceiveEnd.TooMuch;
        }

        return true;
    }

    /// <summary>
    /// Sends <paramref name="bytes"/>, whole or, when <paramref name="pieces"/>, as its first byte and then
    /// <see cref="PieceSize"/> bytes at a time with <see cref="PiecePause"/> between. Null when sent, else the error's class.
    /// </summary>
    public async Task<SocketErrorKind?> SendAsync(ReadOnlyMemory<byte> bytes, bool pieces, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout + (pieces ? PiecePause * (bytes.Length / PieceSize + 2) : TimeSpan.Zero));
        try
        {
            var first = true;
            while (!bytes.IsEmpty)
            {
                var size = !pieces ? bytes.Length : Math.Min(bytes.Length, first ? 1 : PieceSize);
                if (!first)
                {
                    await Task.Delay(PiecePause, deadline.Token).ConfigureAwait(false);
                }

                var sent = await _socket.SendAsync(bytes[..size], SocketFlags.None, deadline.Token).ConfigureAwait(false);
                bytes = bytes[sent..];
                first = false;
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The server does not read: the send buffers are full.
            return SocketErrorKind.TimedOut;
        }
        catch (SocketException e)
        {
            return SocketErrors.Classify(e);
        }
    }

    /// <summary>Resets the connection: SO_LINGER on with a zero timeout, then close, which sends RST instead of FIN (socket(7)).</summary>
    public void Reset()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already gone: there is nothing left to reset.
        }

        _socket.Dispose();
        Observe();
    }

    /// <summary>
    /// Closes as a polite client does: FIN (shutdown(SHUT_WR)), then reads what the server still sends until it closes
    /// too, for a short while, so the close sends no RST for unread bytes (RFC 1122 4.2.2.13).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Send);
            var until = DateTime.UtcNow + CloseDrain;
            while (End == ReceiveEnd.None && DateTime.UtcNow < until)
            {
                _ = await ReceiveAsync(until - DateTime.UtcNow, CancellationToken.None).ConfigureAwait(false);
                _ = Replies.TakePending();
            }
        }
        catch (SocketException)
        {
            // Reset or gone already.
        }
        catch (ObjectDisposedException)
        {
        }

        _disposed = true;
        _socket.Dispose();
        Observe();
    }

    /// <summary>A receive still pending ends with an error once the socket is closed; that error is nobody's business.</summary>
    private void Observe() => _receive?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
