using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>
/// One TCP echo connection of a run, closed-loop: <see cref="BenchOptions.Pipeline"/> messages in flight; each echoed message is
/// checked byte for byte, timed from its send, and replaced by the next. A connection that fails is counted and replaced.
/// </summary>
internal sealed class EchoLoad : TcpLoad
{
    // Up to this many bytes in flight, the messages are sent from the receive loop: they fit in the kernel's socket buffers,
    // so a send cannot block while the echo waits to be read. Past it, a separate sender keeps the receive side draining.
    private const int InlineLimit = 64 * 1024;

    private readonly BenchPattern _pattern;
    private readonly long[] _sendTimes;

    public EchoLoad(int index, BenchOptions options, IPEndPoint target, BenchRecorder recorder)
        : base(index, options, target, recorder)
    {
        _pattern = new BenchPattern(options.Size, index + 1);
        _sendTimes = new long[options.Pipeline];
    }

    protected override string Awaited => "echo";

    protected override Task<bool> ExchangeAsync(Socket socket, long connectStarted, CancellationToken stop) => PingPongAsync(socket, stop);

    /// <summary>Runs the connection until it fails or the run stops; false when the server is not an echo server at all.</summary>
    private async Task<bool> PingPongAsync(Socket socket, CancellationToken stop)
    {
        var size = Options.Size;
        var pipeline = Options.Pipeline;
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
                    throw new NetworkException(SocketErrorKind.ConnectionReset, NetworkOperation.Receive, TransportProtocol.Tcp, Target, Options.Host, "the server closed the connection in the middle of the run");
                }

                var chunk = buffer.AsSpan(0, count);
                if (received == 0 && !Recorder.AnySucceeded && offset == 0)
                {
                    var expected = _pattern.Message(0).Span;
                    var sample = chunk[..Math.Min(count, Math.Min(size, ForeignReply.MaxSampleBytes))];
                    if (ForeignReply.IsMostlyUnlike(sample, expected[..sample.Length]))
                    {
                        // The first bytes are no echo of the first message: a time server's time, the login server's
                        // greeting. Replacing the connection would only get the same answer again.
                        Recorder.Foreign(ForeignReply.Of(chunk[..Math.Min(count, ForeignReply.MaxSampleBytes)], expected[..sample.Length]));
                        return false;
                    }
                }

                var completed = 0;
                while (!chunk.IsEmpty)
                {
                    var take = Math.Min(chunk.Length, size - offset);
                    Recorder.Mismatched(_pattern.CountMismatches(received, offset, chunk[..take]));
                    chunk = chunk[take..];
                    offset += take;
                    if (offset == size)
                    {
                        Recorder.Completed(Index, _sendTimes[received % pipeline], now, size);
                        received++;
                        offset = 0;
                        completed++;
                    }
                }

                if (completed > 0)
                {
                    // Progress restarts the clock; nothing in flight stops it.
                    WaitFrom(inline && received == sent ? 0 : now);
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
        _sendTimes[index % Options.Pipeline] = now;
        WaitFromIfIdle(now);

        await BenchSockets.SendAllAsync(socket, _pattern.Message(index), stop).ConfigureAwait(false);
    }

    private async Task SendLoopAsync(Socket socket, SemaphoreSlim credits, CancellationToken stop)
    {
        for (long index = 0; ; index++)
        {
            await credits.WaitAsync(stop).ConfigureAwait(false);
            WaitFrom(Stopwatch.GetTimestamp());
            await SendAsync(socket, index, stop).ConfigureAwait(false);
        }
    }
}
