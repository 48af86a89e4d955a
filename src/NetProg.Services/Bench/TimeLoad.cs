using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>
/// One time-server client of a run: connect, read to EOF, close, again, as fast as the server allows. Each completed connection
/// is timed from the start of connect() to EOF. The server closes first, so TIME_WAIT stays on its side, not ours.
/// </summary>
internal sealed class TimeLoad : IBenchWaiter
{
    // A time reply is ~25 bytes (ctime) or 4 (RFC 868); anything this long is not a time server.
    private const int MaxReply = 64 * 1024;

    private readonly int _index;
    private readonly BenchOptions _options;
    private readonly IPEndPoint _target;
    private readonly BenchRecorder _recorder;
    private readonly byte[] _buffer = new byte[1024];
    private Socket? _socket;
    private long _waitingSince;
    private long _connectedAt;
    private long _received;
    private volatile bool _expired;

    public TimeLoad(int index, BenchOptions options, IPEndPoint target, BenchRecorder recorder)
    {
        _index = index;
        _options = options;
        _target = target;
        _recorder = recorder;
    }

    public long WaitingSince => Volatile.Read(ref _waitingSince);

    public void Expire()
    {
        _expired = true;
        _socket?.Dispose();
    }

    public async Task RunAsync(BenchWatchdog watchdog, CancellationToken stop)
    {
        watchdog.Add(this);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var operation = NetworkOperation.Connect;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    _expired = false;
                    _socket = await BenchSockets.ConnectTcpAsync(_target, _options.Host, _options.Timeout, stop).ConfigureAwait(false);
                    _recorder.Opened();
                    try
                    {
                        operation = NetworkOperation.Receive;
                        _connectedAt = Stopwatch.GetTimestamp();
                        _received = 0;
                        Volatile.Write(ref _waitingSince, _connectedAt);
                        var total = await ReadToEndAsync(_socket, stop).ConfigureAwait(false);
                        if (total < 0)
                        {
                            return;
                        }

                        var end = Stopwatch.GetTimestamp();
                        if (total == 0)
                        {
                            _recorder.EmptyReply();
                        }

                        _recorder.Completed(_index, start, end, total);
                    }
                    finally
                    {
                        Volatile.Write(ref _waitingSince, 0);
                        _socket.Dispose();
                        _recorder.Closed();
                    }
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    NoteSilence(operation);
                    return;
                }
                catch (Exception e) when (e is SocketException or NetworkException or ObjectDisposedException or IOException)
                {
                    if (_expired)
                    {
                        NoteSilence(operation);
                    }

                    _recorder.Error(_expired
                        ? new NetworkException(SocketErrorKind.TimedOut, operation, TransportProtocol.Tcp, _target, _options.Host, $"no reply within {_options.Timeout.TotalSeconds:0.###} s")
                        : NetworkException.From(e, operation, TransportProtocol.Tcp, _target, _options.Host));
                    if (!_recorder.AnySucceeded || !await BenchSockets.BackOffAsync(stop).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            watchdog.Remove(this);
        }
    }

    /// <summary>A connection that got no byte at all while connected: an echo server waits for data instead of sending the time.</summary>
    private void NoteSilence(NetworkOperation operation)
    {
        if (operation == NetworkOperation.Receive && Volatile.Read(ref _received) == 0)
        {
            _recorder.Silent(Stopwatch.GetElapsedTime(_connectedAt));
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

            if (total == 0 && !_recorder.AnySucceeded
                && ForeignReply.Of(_buffer.AsSpan(0, count), ReadOnlySpan<byte>.Empty) is { Kind: ForeignReplyKind.LoginReply } login)
            {
                _recorder.Foreign(login);
                return -1;
            }

            total += count;
            Volatile.Write(ref _received, total);
            if (total > MaxReply)
            {
                throw new NetworkException(SocketErrorKind.Other, NetworkOperation.Receive, TransportProtocol.Tcp, _target, _options.Host, $"more than {MaxReply} bytes without closing: not a time server");
            }
        }
    }
}
