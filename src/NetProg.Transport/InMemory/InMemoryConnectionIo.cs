using System.Buffers;
using System.IO.Pipelines;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.InMemory;

/// <summary>
/// A <see cref="ConnectionIo"/> over two bounded pipes instead of a socket, with a TCP socket's semantics as the connection
/// sees them: a receive of 0 is the peer's FIN, <see cref="ShutdownSend"/> is ours, a reset fails the next call with
/// <see cref="SocketError.ConnectionReset"/>, and a peer that stops reading stops our sends once its pipe is full (flow
/// control).
/// </summary>
internal sealed class InMemoryConnectionIo(Pipe toServer, Pipe toClient, IPEndPoint remote, IPEndPoint local) : ConnectionIo
{
    private volatile bool _disposed;
    private bool _reset;

    public override IPEndPoint RemoteEndPoint { get; } = remote;

    public override IPEndPoint LocalEndPoint { get; } = local;

    public override async ValueTask<int> WaitForDataAsync(CancellationToken cancellationToken)
    {
        var result = await ReadAsync(cancellationToken).ConfigureAwait(false);
        toServer.Reader.AdvanceTo(result.Buffer.Start); // Nothing consumed, nothing examined: the bytes stay for the receive.
        return 0;
    }

    public override async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(cancellationToken).ConfigureAwait(false);
        var available = result.Buffer;
        var count = (int)Math.Min(available.Length, buffer.Length);
        available.Slice(0, count).CopyTo(buffer.Span);
        toServer.Reader.AdvanceTo(available.GetPosition(count));
        return count; // 0 only at the end: the peer's FIN.
    }

    public override async ValueTask<int> SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.Length;
    }

    public override async ValueTask SendAllAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        foreach (var block in buffer)
        {
            await WriteAsync(block, cancellationToken).ConfigureAwait(false);
        }
    }

    public override void ShutdownSend() => toClient.Writer.Complete();

    public override void ResetOnClose() => _reset = true;

    public override void WakeReceiver() => toServer.Reader.CancelPendingRead();

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        toClient.Writer.Complete(_reset ? new SocketException((int)SocketError.ConnectionReset) : null);
        toServer.Reader.CancelPendingRead(); // A pending receive fails as on a closed socket.
    }

    private async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var result = await toServer.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!result.IsCanceled)
            {
                return result;
            }

            // Woken (WakeReceiver, Dispose): look at the token and at the socket again, as a woken receive does.
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var flush = await toClient.Writer.WriteAsync(block, cancellationToken).ConfigureAwait(false);
        if (flush.IsCompleted)
        {
            // The peer will read nothing more: as send() on a socket whose peer has gone (EPIPE, ECONNRESET).
            throw new SocketException((int)SocketError.ConnectionReset);
        }
    }
}
