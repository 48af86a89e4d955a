using NetProg.Transport;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// One client connection of a check: what it sends, and what comes back kept in a buffer of fixed size (a server that
/// sends without end fills it and is stopped there), each read bounded by an idle time. A reset or a close is recorded,
/// never thrown: it is what the check reports.
/// </summary>
internal sealed class TcpProbe : IDisposable
{
    /// <summary>An Ethernet segment's payload: what a client across a real network gets, unlike loopback's 64 KiB.</summary>
    private const int EthernetSegment = 1460;

    /// <summary>A slow client's receive buffer: small, so the server's send() has to wait for it.</summary>
    private const int SlowReceiveBuffer = 32 * 1024;

    private readonly Socket _socket;
    private readonly byte[] _buffer;
    private int _count;

    private TcpProbe(Socket socket, int limit)
    {
        _socket = socket;
        _buffer = new byte[limit];
    }

    /// <summary>How many bytes came back so far.</summary>
    public int Count => _count;

    /// <summary>The bytes that came back so far.</summary>
    public ReadOnlySpan<byte> Received => _buffer.AsSpan(0, _count);

    /// <summary>True once the server closed its side (its FIN).</summary>
    public bool Closed { get; private set; }

    /// <summary>True once the connection was reset or failed.</summary>
    public bool Reset { get; private set; }

    /// <summary>
    /// Connects within <paramref name="timeout"/>, keeping at most <paramref name="limit"/> received bytes. A
    /// <paramref name="slowReader"/> has a small receive buffer and announces Ethernet-sized segments (TCP_MAXSEG, tcp(7)):
    /// on loopback a server's socket buffers otherwise hold megabytes, and its short send()s would never show.
    /// </summary>
    public static async Task<TcpProbe> ConnectAsync(IPEndPoint endPoint, TimeSpan timeout, int limit, CancellationToken cancellationToken, bool slowReader = false)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (slowReader)
        {
            socket.ReceiveBufferSize = SlowReceiveBuffer;
            LimitSegments(socket);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            return new TcpProbe(socket, limit);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ProbeException(string.Format(CultureInfo.CurrentCulture, TcpServerText.Connect_TimedOut, EndPointText.Format(endPoint), ServerChecker.Seconds(timeout)));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var format = e.SocketErrorCode == SocketError.ConnectionRefused ? TcpServerText.Connect_Refused : TcpServerText.Connect_Failed;
            throw new ProbeException(string.Format(CultureInfo.CurrentCulture, format, EndPointText.Format(endPoint), e.Message), e);
        }
    }

    /// <summary>Sends all of <paramref name="data"/>; false when the connection failed or the send did not finish within <paramref name="timeout"/>.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Reset)
        {
            return false;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                data = data[sent..];
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            // .NET sends with MSG_NOSIGNAL: a peer that reset gives EPIPE/ECONNRESET here, never SIGPIPE (send(2)).
            Reset = true;
            return false;
        }
    }

    /// <summary>
    /// Reads until <paramref name="until"/> bytes came back in all, the server closed or reset, nothing came for
    /// <paramref name="idle"/>, or the buffer is full. <paramref name="chunk"/> bounds one recv(), for a slow reader.
    /// </summary>
    public async Task<ReadStop> ReadAsync(int until, TimeSpan idle, CancellationToken cancellationToken, int chunk = int.MaxValue)
    {
        while (_count < until)
        {
            if (Reset)
            {
                return ReadStop.Reset;
            }

            if (Closed)
            {
                return ReadStop.Closed;
            }

            if (_count == _buffer.Length)
            {
                return ReadStop.Full;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(idle);
            int received;
            try
            {
                var room = _buffer.AsMemory(_count, Math.Min(chunk, _buffer.Length - _count));
                received = await _socket.ReceiveAsync(room, SocketFlags.None, wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ReadStop.Idle;
            }
            catch (SocketException)
            {
                Reset = true;
                return ReadStop.Reset;
            }

            if (received == 0)
            {
                Closed = true;
                return ReadStop.Closed;
            }

            _count += received;
        }

        return ReadStop.Enough;
    }

    /// <summary>Reads whatever else comes within <paramref name="grace"/>: the bytes a wrong echo adds after the right ones.</summary>
    public Task<ReadStop> ReadMoreAsync(TimeSpan grace, CancellationToken cancellationToken) =>
        ReadAsync(int.MaxValue, grace, cancellationToken);

    /// <summary>shutdown(SHUT_WR): the client's FIN, "I have nothing more to send".</summary>
    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            Reset = true;
        }
    }

    /// <summary>Closes with SO_LINGER 0, which sends a RST instead of a FIN (socket(7)): a client that vanished.</summary>
    public void ResetConnection()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already failed: closing it is all that is left.
        }

        _socket.Close();
        Reset = true;
    }

    public void Dispose() => _socket.Dispose();

    private static void LimitSegments(Socket socket)
    {
        const int IpProtoTcp = 6;
        const int TcpMaxSeg = 2; // the same on Linux and macOS; Windows has no settable TCP_MAXSEG
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpMaxSeg, BitConverter.GetBytes(EthernetSegment));
        }
        catch (SocketException)
        {
            // Not allowed here: the small receive buffer alone still slows the server down.
        }
    }
}
