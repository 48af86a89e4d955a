using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>
/// One TCP echo connection of a run, closed-loop: <see cref="BenchOptions.Pipeline"/> messages in flight; each echoed message is
/// checked byte for byte, timed from its send, and replaced by the next. A connection that fails is counted and replaced.
/// </summary>
internal sealed class EchoLoad : IBenchWaiter
{
    // Up to this many bytes in flight, the messages are sent from the receive loop: they fit in the kernel's socket buffers,
    // so a send cannot block while the echo waits to be read. Past it, a separate sender keeps the receive side draining.
    private const int InlineLimit = 64 * 1024;

    private readonly int _index;
    private readonly BenchOptions _options;
    private readonly IPEndPoint _target;
    private readonly BenchRecorder _recorder;
    private readonly BenchPattern _pattern;
    private readonly long[] _sendTimes;
    private Socket? _socket;
    private long _waitingSince;
    private volatile bool _expired;

    public EchoLoad(int index, BenchOptions options, IPEndPoint target, BenchRecorder recorder)
    {
        _index = index;
        _options = options;
        _target = target;
        _recorder = recorder;
        _pattern = new BenchPattern(options.Size, index + 1);
        _sendTimes = new long[options.Pipeline];
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
                NetworkOperation operation = NetworkOperation.Connect;
                try
                {
                    _expired = false;
                    _socket = await BenchSockets.ConnectTcpAsync(_target, _options.Host, _options.Timeout, stop).ConfigureAwait(false);
                    _recorder.Opened();
                    try
                    {
                        operation = NetworkOperation.Receive;
                        if (!await PingPongAsync(_socket, stop).ConfigureAwait(false))
                        {
                            return;
                        }
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
                    return;
                }
                catch (Exception e) when (e is SocketException or NetworkException or ObjectDisposedException or IOException)
                {
                    _recorder.Error(Classify(e, operation));
                    // A wrong address or a stopped server: every connection's first attempt fails, so the run ends at once
                    // instead of counting the same refusal for the whole duration.
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

    private NetworkException Classify(Exception e, NetworkOperation operation)
    {
        if (_expired)
        {
            return new NetworkException(SocketErrorKind.TimedOut, operation, TransportProtocol.Tcp, _target, _options.Host, $"no echo within {_options.Timeout.TotalSeconds:0.###} s");
        }

        return NetworkException.From(e, operation, TransportProtocol.Tcp, _target, _options.Host);
    }

    /// <summary>Runs the connection until it fails or the run stops; false when the server is not an echo server at all.</summary>
    private async Task<bool> PingPongAsync(Socket socket, CancellationToken stop)
    {
        var size = _options.Size;
        var pipeline = _options.Pipeline;
        var inline = (long)size * pipeline <= InlineLimit;
        using var credits = inline ? null : new SemaphoreSlim(0, pipeline);
        using var senderStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Task sender = Task.CompletedTask;
        long sent = 0;
        if (inline)
        {
            for (; sent < pipeline; sent++)
            {
                await SendAsync(socket, sent, stop).ConfigureAwait(false);
            }
        }
        else
        {
            sender = SendLoopAsync(socket, credits!, senderStop.Token);
            credits!.Release(pipeline);
        }

        var buffer = new byte[Math.Clamp(size * pipeline, 4096, InlineLimit)];
        long received = 0;
        var offset = 0;
        try
        {
            while (true)
            {
                var count = await socket.ReceiveAsync(buffer, SocketFlags.None, stop).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                if (count == 0)
                {
                    throw new NetworkException(SocketErrorKind.ConnectionReset, NetworkOperation.Receive, TransportProtocol.Tcp, _target, _options.Host, "the server closed the connection in the middle of the run");
                }

                var chunk = buffer.AsSpan(0, count);
                if (received == 0 && !_recorder.AnySucceeded && offset == 0)
                {
                    var expected = _pattern.Message(0).Span;
                    var sample = chunk[..Math.Min(count, Math.Min(size, ForeignReply.MaxSampleBytes))];
                    if (ForeignReply.IsMostlyUnlike(sample, expected[..sample.Length]))
                    {
                        // The first bytes are no echo of the first message: a time server's time, the login server's
                        // greeting. Replacing the connection would only get the same answer again.
                        _recorder.Foreign(ForeignReply.Of(chunk[..Math.Min(count, ForeignReply.MaxSampleBytes)], expected[..sample.Length]));
                        return false;
                    }
                }

                var completed = 0;
                while (!chunk.IsEmpty)
                {
                    var take = Math.Min(chunk.Length, size - offset);
                    _recorder.Mismatched(_pattern.CountMismatches(received, offset, chunk[..take]));
                    chunk = chunk[take..];
                    offset += take;
                    if (offset == size)
                    {
                        _recorder.Completed(_index, _sendTimes[received % pipeline], now, size);
                        received++;
                        offset = 0;
                        completed++;
                    }
                }

                if (completed > 0)
                {
                    // Progress restarts the clock; nothing in flight stops it.
                    Volatile.Write(ref _waitingSince, inline && received == sent ? 0 : now);
                }

                if (stop.IsCancellationRequested)
                {
                    return true;
                }

                if (inline)
                {
                    for (var i = 0; i < completed; i++, sent++)
                    {
                        await SendAsync(socket, sent, stop).ConfigureAwait(false);
                    }
                }
                else if (completed > 0)
                {
                    credits!.Release(completed);
                }
            }
        }
        finally
        {
            await senderStop.CancelAsync().ConfigureAwait(false);
            try
            {
                await sender.ConfigureAwait(false);
            }
            catch (Exception) when (senderStop.IsCancellationRequested)
            {
            }
        }
    }

    private async ValueTask SendAsync(Socket socket, long index, CancellationToken stop)
    {
        var now = Stopwatch.GetTimestamp();
        _sendTimes[index % _options.Pipeline] = now;
        if (Volatile.Read(ref _waitingSince) == 0)
        {
            Volatile.Write(ref _waitingSince, now);
        }

        await BenchSockets.SendAllAsync(socket, _pattern.Message(index), stop).ConfigureAwait(false);
    }

    private async Task SendLoopAsync(Socket socket, SemaphoreSlim credits, CancellationToken stop)
    {
        for (long index = 0; ; index++)
        {
            await credits.WaitAsync(stop).ConfigureAwait(false);
            Volatile.Write(ref _waitingSince, Stopwatch.GetTimestamp());
            await SendAsync(socket, index, stop).ConfigureAwait(false);
        }
    }
}
