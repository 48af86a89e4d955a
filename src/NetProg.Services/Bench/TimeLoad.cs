using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>
/// One time-server client of a run: connect, read to EOF, close, again, as fast as the server allows. Each completed connection
/// is timed from the start of connect() to EOF. The server closes first, so TIME_WAIT stays on its side, not ours.
/// </summary>
internal sealed class TimeLoad : TcpLoad
{
    // A time reply is ~25 bytes (ctime) or 4 (RFC 868); anything this long is not a time server.
    private const int MaxReply = 64 * 1024;

    private readonly byte[] _buffer = new byte[1024];
    private long _connectedAt;
    private long _received;

    public TimeLoad(int index, BenchOptions options, IPEndPoint target, BenchRecorder recorder)
        : base(index, options, target, recorder)
    {
    }

    protected override string Awaited => "reply";

    protected override async Task<bool> ExchangeAsync(Socket socket, long connectStarted, CancellationToken stop)
    {
        _connectedAt = Stopwatch.GetTimestamp();
        _received = 0;
        WaitFrom(_connectedAt);
        var total = await ReadToEndAsync(socket, stop).ConfigureAwait(false);
        if (total < 0)
        {
            return false;
        }

        var end = Stopwatch.GetTimestamp();
        if (total == 0)
        {
            Recorder.EmptyReply();
        }

        Recorder.Completed(Index, connectStarted, end, total);
        return true;
    }

    /// <summary>A connection that got no byte at all while connected: an echo server waits for data instead of sending the time.</summary>
    protected override void Abandoned(NetworkOperation operation)
    {
        if (operation == NetworkOperation.Receive && Volatile.Read(ref _received) == 0)
        {
            Recorder.Silent(Stopwatch.GetElapsedTime(_connectedAt));
        }
    }

    /// <summary>The reply's length at EOF; -1 when it is the login server's greeting (that server waits for a login and never closes).</summary>
    private async Task<long> ReadToEndAsync(Socket socket, CancellationToken stop)
    {
        long total = 0;
        while (true)
        {
            var count = await socket.ReceiveAsync(_buffer, SocketFlags.None, stop).ConfigureAwait(false);
            if (count == 0)
            {
                return total;
            }

            if (total == 0 && !Recorder.AnySucceeded
                && ForeignReply.Of(_buffer.AsSpan(0, count), ReadOnlySpan<byte>.Empty) is { Kind: ForeignReplyKind.LoginReply } login)
            {
                Recorder.Foreign(login);
                return -1;
            }

            total += count;
            Volatile.Write(ref _received, total);
            if (total > MaxReply)
            {
                throw new NetworkException(SocketErrorKind.Other, NetworkOperation.Receive, TransportProtocol.Tcp, Target, Options.Host, $"more than {MaxReply} bytes without closing: not a time server");
            }
        }
    }
}
