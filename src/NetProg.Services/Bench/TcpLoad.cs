using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>
/// A TCP load's life: connect, run one exchange, close, and again until the run stops. A connection that fails is counted
/// and replaced after a back-off; one the watchdog expired is counted as a time-out. When no connection has succeeded yet,
/// the first failure ends the run: a wrong address or a stopped server would fail the same way for the whole duration.
/// </summary>
internal abstract class TcpLoad(int index, BenchOptions options, IPEndPoint target, BenchRecorder recorder)
    : BenchLoad(index, options, target, recorder)
{
    private Socket? _socket;
    private volatile bool _expired;

    /// <summary>What the load waits for from the server, for the time-out's message: "echo", "reply".</summary>
    protected abstract string Awaited { get; }

    public sealed override void Expire()
    {
        _expired = true;
        _socket?.Dispose();
    }

    public sealed override async Task RunAsync(BenchWatchdog watchdog, CancellationToken stop)
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
                    _socket = await BenchSockets.ConnectTcpAsync(Target, Options.Host, Options.Timeout, stop).ConfigureAwait(false);
                    Recorder.Opened();
                    try
                    {
                        operation = NetworkOperation.Receive;
                        if (!await ExchangeAsync(_socket, start, stop).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                    finally
                    {
                        WaitFrom(0);
                        _socket.Dispose();
                        Recorder.Closed();
                    }
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    Abandoned(operation);
                    return;
                }
                catch (Exception e) when (e is SocketException or NetworkException or ObjectDisposedException or IOException)
                {
                    if (_expired)
                    {
                        Abandoned(operation);
                    }

                    Recorder.Error(_expired
                        ? new NetworkException(SocketErrorKind.TimedOut, operation, TransportProtocol.Tcp, Target, Options.Host, $"no {Awaited} within {Options.Timeout.TotalSeconds:0.###} s")
                        : NetworkException.From(e, operation, TransportProtocol.Tcp, Target, Options.Host));
                    if (!Recorder.AnySucceeded || !await BenchSockets.BackOffAsync(stop).ConfigureAwait(false))
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

    /// <summary>
    /// One connection's exchange, from connected to done (<paramref name="connectStarted"/>: the Stopwatch timestamp before
    /// connect); false ends the run: the server is not the kind this load measures.
    /// </summary>
    protected abstract Task<bool> ExchangeAsync(Socket socket, long connectStarted, CancellationToken stop);

    /// <summary>The connection was given up while it waited (the run stopped, or the watchdog expired it) during <paramref name="operation"/>.</summary>
    protected virtual void Abandoned(NetworkOperation operation)
    {
    }
}
