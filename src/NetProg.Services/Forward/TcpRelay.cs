using System.Buffers;
using NetProg.Transport;
using NetProg.Transport.Tcp;

namespace NetProg.Services.Forward;

/// <summary>
/// One forwarded TCP connection: connect to the target, then two copy loops, client to target and target to client. Each loop
/// has a bounded buffer and reads nothing more until it has written what it holds, so a slow reader on one side slows the
/// writer on the other through TCP flow control: no queue grows without bound. A FIN from one side is passed on as a FIN
/// (shutdown(SHUT_WR)) to the other and the opposite direction goes on, so half-closed exchanges (RFC 9293 §3.6: "a TCP
/// connection may be half-closed") work through the forwarder; a reset on one side resets the other. The host
/// (<see cref="TcpServer"/>) accepted the client and times the relay out; the relay drives both sockets itself.
/// </summary>
internal sealed class TcpRelay : SocketConnection, IDisposable
{
    private const int SmallBufferSize = 4096;

    private readonly Socket _client;
    private readonly Socket _target;
    private readonly IPEndPoint _targetEndPoint;
    private readonly ForwardOptions _options;
    private readonly Action<RelaySummary> _ended;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastActivity = Environment.TickCount64;
    private long _toTarget;
    private long _toClient;
    private int _end = -1;
    private RelaySummary? _summary;

    /// <param name="ended">Given the relay's summary once the host has freed its slot.</param>
    public TcpRelay(Socket client, IPEndPoint remote, IPEndPoint target, ForwardOptions options, Action<RelaySummary> ended)
    {
        _client = client;
        _targetEndPoint = target;
        _options = options;
        _ended = ended;
        Client = remote;
        Local = EndPointText.Normalize((IPEndPoint)client.LocalEndPoint!);
        _target = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    }

    public IPEndPoint Client { get; }

    public IPEndPoint Local { get; }

    public override IPEndPoint RemoteEndPoint => Client;

    public override long IdleMilliseconds => Environment.TickCount64 - Volatile.Read(ref _lastActivity);

    public override async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            // Small writes (a time reply, a typed line) go on at once, as they would without the forwarder in between.
            _client.NoDelay = true;
            _target.NoDelay = true;
            if (await ConnectAsync(stopping).ConfigureAwait(false))
            {
                await Task.WhenAll(PumpAsync(_client, _target, toTarget: true), PumpAsync(_target, _client, toTarget: false)).ConfigureAwait(false);
                SetEnd(RelayEnd.Closed);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Reset between accept() and here.
            SetEnd(RelayEnd.ClientReset);
        }
        finally
        {
            if ((RelayEnd)_end != RelayEnd.Closed)
            {
                Reset(_client);
                Reset(_target);
            }

            _client.Dispose();
            _target.Dispose();
        }

        _summary = new RelaySummary(
            TransportProtocol.Tcp, Client, Local, _targetEndPoint, Interlocked.Read(ref _toTarget), Interlocked.Read(ref _toClient), 0, 0,
            Stopwatch.GetElapsedTime(_started), (RelayEnd)_end);
    }

    /// <summary>Closes both sockets; <see cref="RunAsync"/> does it too, as it ends.</summary>
    public void Dispose()
    {
        _client.Dispose();
        _target.Dispose();
    }

    public override void Ended()
    {
        if (_summary is { } summary)
        {
            _ended(summary);
        }
    }

    /// <summary>The host ends the relay: idle for --idle-timeout, or still open when the shutdown timeout ran out.</summary>
    public override void Abort(CloseReason reason) => Abort(reason == CloseReason.IdleTimeout ? RelayEnd.IdleTimeout : RelayEnd.Stopped);

    /// <summary>Resets both sides (idle timeout, shutdown); the copy loops end with the sockets.</summary>
    private void Abort(RelayEnd reason)
    {
        SetEnd(reason);
        Reset(_client);
        Reset(_target);
        _client.Dispose();
        _target.Dispose();
    }

    private async Task<bool> ConnectAsync(CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(_options.ConnectTimeout);
        try
        {
            await _target.ConnectAsync(_targetEndPoint, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            SetEnd(stopping.IsCancellationRequested ? RelayEnd.Stopped : RelayEnd.TargetTimedOut);
        }
        catch (SocketException e)
        {
            SetEnd(SocketErrors.Classify(e) switch
            {
                SocketErrorKind.ConnectionRefused => RelayEnd.TargetRefused,
                SocketErrorKind.HostUnreachable or SocketErrorKind.NetworkUnreachable => RelayEnd.TargetUnreachable,
                SocketErrorKind.TimedOut => RelayEnd.TargetTimedOut,
                _ => RelayEnd.TargetFailed,
            });
        }
        catch (ObjectDisposedException)
        {
            // Aborted (shutdown) while connecting: the reason is already set.
        }

        return false;
    }

    private async Task PumpAsync(Socket from, Socket to, bool toTarget)
    {
        // A small buffer of its own for the usual short messages; a large one from the pool only while a full read says more is
        // queued (a bulk transfer), given back at the first short read. An idle connection thus holds 2 x 4 KiB, not 2 x 64 KiB,
        // and a 64-byte exchange costs one recv and one send, with no zero-byte read or FIONREAD before it.
        var small = new byte[SmallBufferSize];
        byte[]? large = null;
        var receiving = true;
        try
        {
            while (true)
            {
                receiving = true;
                var buffer = large is null ? small.AsMemory() : large.AsMemory(0, _options.BufferSize);
                var count = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (count == 0)
                {
                    // FIN from this side: pass it on, and let the other direction carry on until its own FIN.
                    receiving = false;
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                Volatile.Write(ref _lastActivity, Environment.TickCount64);
                receiving = false;
                for (var sent = 0; sent < count;)
                {
                    sent += await to.SendAsync(buffer[sent..count], SocketFlags.None).ConfigureAwait(false);
                }

                Interlocked.Add(ref toTarget ? ref _toTarget : ref _toClient, count);
                Volatile.Write(ref _lastActivity, Environment.TickCount64);
                if (count == buffer.Length)
                {
                    large ??= ArrayPool<byte>.Shared.Rent(_options.BufferSize);
                }
                else if (large is not null)
                {
                    ArrayPool<byte>.Shared.Return(large);
                    large = null;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The side that failed is the one we were reading from, or writing to.
            var clientFailed = receiving == toTarget;
            SetEnd(clientFailed ? RelayEnd.ClientReset : RelayEnd.TargetReset);
            Reset(_client);
            Reset(_target);
            _client.Dispose();
            _target.Dispose();
        }
        finally
        {
            if (large is not null)
            {
                ArrayPool<byte>.Shared.Return(large);
            }
        }
    }

    private void SetEnd(RelayEnd end) => Interlocked.CompareExchange(ref _end, (int)end, -1);

    /// <summary>Linger 0: close() then sends RST instead of FIN, so the peer learns the connection failed rather than ended.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
