namespace NetProg.Transport.Tests.Tcp;

/// <summary>
/// A client that sends a repeating pattern (from its own offset, so streams of different clients differ) as fast as the server
/// takes it, and reads concurrently until the server ends the stream.
/// </summary>
internal sealed class StreamingClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _pattern;
    private readonly int _offset;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstEcho = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _sending;

    private StreamingClient(Socket socket, byte[] pattern, int offset)
    {
        _socket = socket;
        _pattern = pattern;
        _offset = offset;
        _sending = Task.Run(SendLoopAsync);
        Receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Completes when the first echoed bytes arrived: the client is really being served.</summary>
    public Task FirstEcho => _firstEcho.Task;

    /// <summary>Everything received, once the stream ended with FIN or RST.</summary>
    public Task<byte[]> Receiving { get; }

    public static StreamingClient Start(Socket socket, byte[] pattern, int offset) => new(socket, pattern, offset);

    /// <summary>The first <paramref name="length"/> bytes this client sent.</summary>
    public byte[] Expected(int length)
    {
        var expected = new byte[length];
        for (var i = 0; i < length; i++)
        {
            expected[i] = _pattern[(_offset + i) % _pattern.Length];
        }

        return expected;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await Task.WhenAny(_sending, Task.Delay(Waits.Long));
        await Task.WhenAny(Receiving, Task.Delay(Waits.Long));
        _stop.Dispose();
    }

    private async Task SendLoopAsync()
    {
        var position = _offset % _pattern.Length;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                // Loopback sends usually complete synchronously: yield, or 50 such loops would keep the pool's threads to themselves.
                await Task.Yield();
                var length = Math.Min(8192, _pattern.Length - position);
                var sent = await _socket.SendAsync(_pattern.AsMemory(position, length), SocketFlags.None, _stop.Token);
                position = (position + sent) % _pattern.Length;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server reset us, or the receiver saw the end and stopped us.
        }
    }

    private async Task<byte[]> ReceiveLoopAsync()
    {
        using var data = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                data.Write(buffer, 0, n);
                _firstEcho.TrySetResult();
            }
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
        }
        finally
        {
            // The stream is over: stop sending into it.
            await _stop.CancelAsync();
        }

        return data.ToArray();
    }
}
