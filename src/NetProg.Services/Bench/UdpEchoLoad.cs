using System.Buffers.Binary;
using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>
/// One UDP socket of a run, connected to the server (so that an ICMP port unreachable is reported as refused). Each datagram
/// starts with an 8-byte sequence number, then the per-socket pattern; <see cref="BenchOptions.Pipeline"/> are in flight. A
/// reply is matched to its datagram by the number: no reply within the timeout counts the datagrams in flight as lost, a reply
/// older than one already seen counts as reordered, a reply to nothing in flight as unexpected.
/// </summary>
internal sealed class UdpEchoLoad : BenchLoad
{
    /// <summary>The sequence number.</summary>
    public const int HeaderSize = 8;

    private readonly BenchPattern _pattern;
    private readonly Dictionary<long, long> _inFlight;
    private readonly byte[] _send;
    private readonly byte[] _receive = new byte[BenchOptions.MaxDatagramSize + 1];
    private CancellationTokenSource? _receiveTimeout;

    public UdpEchoLoad(int index, BenchOptions options, IPEndPoint target, BenchRecorder recorder)
        : base(index, options, target, recorder)
    {
        _pattern = new BenchPattern(options.Size - HeaderSize, index + 1);
        _inFlight = new Dictionary<long, long>(options.Pipeline);
        _send = new byte[options.Size];
    }

    public override void Expire()
    {
        try
        {
            _receiveTimeout?.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public override async Task RunAsync(BenchWatchdog watchdog, CancellationToken stop)
    {
        using var socket = new Socket(Target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(Target);
        }
        catch (SocketException e)
        {
            Recorder.Error(NetworkException.From(e, NetworkOperation.Connect, TransportProtocol.Udp, Target, Options.Host));
            return;
        }

        Recorder.Opened();
        watchdog.Add(this);
        long next = 0;
        long newest = -1;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                _receiveTimeout = timeout;
                try
                {
                    while (_inFlight.Count < Options.Pipeline)
                    {
                        await SendAsync(socket, next++, stop).ConfigureAwait(false);
                    }

                    while (true)
                    {
                        var count = await socket.ReceiveAsync(_receive, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                        var now = Stopwatch.GetTimestamp();
                        var sequence = count < HeaderSize ? -1 : BinaryPrimitives.ReadInt64LittleEndian(_receive);
                        if (!_inFlight.Remove(sequence, out var sentAt))
                        {
                            if (!Recorder.AnySucceeded && ForeignReply.IsMostlyUnlike(_receive.AsSpan(0, count), _send))
                            {
                                // Before any echo, a reply to nothing in flight cannot be late: the server answers, but not
                                // with an echo (a time server answers every datagram with the time). Sending more would
                                // only get more of the same.
                                Recorder.Foreign(ForeignReply.Of(_receive.AsSpan(0, Math.Min(count, ForeignReply.MaxSampleBytes)), _send));
                                return;
                            }

                            Recorder.Unexpected();
                            continue;
                        }

                        if (sequence < newest)
                        {
                            Recorder.Reordered();
                        }

                        newest = Math.Max(newest, sequence);
                        var payload = _receive.AsSpan(HeaderSize, Math.Min(count, Options.Size) - HeaderSize);
                        Recorder.Mismatched(_pattern.CountMismatches(sequence, 0, payload) + Math.Abs(count - Options.Size));
                        Recorder.Completed(Index, sentAt, now, count);
                        WaitFrom(_inFlight.Count == 0 ? 0 : now);
                        if (stop.IsCancellationRequested)
                        {
                            return;
                        }

                        await SendAsync(socket, next++, stop).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    // The watchdog: nothing came back within the timeout. What is in flight is lost; start again.
                    Recorder.Lost(_inFlight.Count);
                    _inFlight.Clear();
                    WaitFrom(0);
                }
                catch (SocketException e) when (!stop.IsCancellationRequested)
                {
                    // Linux reports an ICMP port unreachable for an earlier datagram on the next receive (ECONNREFUSED).
                    Recorder.Error(NetworkException.From(e, NetworkOperation.Receive, TransportProtocol.Udp, Target, Options.Host));
                    _inFlight.Clear();
                    WaitFrom(0);
                    if (!Recorder.AnySucceeded || !await BenchSockets.BackOffAsync(stop).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            _receiveTimeout = null;
            watchdog.Remove(this);
            Recorder.Closed();
        }
    }

    private async ValueTask SendAsync(Socket socket, long sequence, CancellationToken stop)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_send, sequence);
        _pattern.Message(sequence).Span.CopyTo(_send.AsSpan(HeaderSize));
        var now = Stopwatch.GetTimestamp();
        _inFlight[sequence] = now;
        WaitFromIfIdle(now);

        await socket.SendAsync(_send, SocketFlags.None, stop).ConfigureAwait(false);
    }
}
