using NetProg.Transport;

namespace NetProg.Services.Bench;

/// <summary>Connects and sends for the load generators, with every failure turned into a classified <see cref="NetworkException"/>.</summary>
internal static class BenchSockets
{
    /// <summary>A connected TCP socket with Nagle off (a 64-byte ping-pong would otherwise wait on delayed ACKs), within the timeout.</summary>
    public static async Task<Socket> ConnectTcpAsync(IPEndPoint target, string host, TimeSpan timeout, CancellationToken stop)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(target, deadline.Token).ConfigureAwait(false);
            return socket;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            socket.Dispose();
            throw new NetworkException(SocketErrorKind.TimedOut, NetworkOperation.Connect, TransportProtocol.Tcp, target, host, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw NetworkException.From(e, NetworkOperation.Connect, TransportProtocol.Tcp, target, host);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken stop)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, stop).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    /// <summary>
    /// Waits a little before the next attempt after a failure, so a dead target is not hammered in a spin; returns false when the
    /// run is over.
    /// </summary>
    public static async Task<bool> BackOffAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
