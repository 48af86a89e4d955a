using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace NetProg.Transport.Tcp;

/// <summary>The portable <see cref="ConnectionIo"/>: .NET's <see cref="Socket"/> and its own event engine (Windows, macOS).</summary>
internal sealed class SocketConnectionIo : ConnectionIo
{
    private readonly Socket _socket;
    private List<ArraySegment<byte>>? _segments;

    public SocketConnectionIo(Socket socket)
    {
        _socket = socket;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public override IPEndPoint RemoteEndPoint { get; }

    public override IPEndPoint LocalEndPoint { get; }

    // Returned as is, not awaited in an async wrapper: a wrapper's box would be allocated on every wait.
    public override ValueTask<int> WaitForDataAsync(CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken);

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    public override ValueTask<int> SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.SendAsync(buffer, SocketFlags.None, cancellationToken);

    public override async ValueTask SendAllAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (TryGather(buffer, ref _segments))
        {
            try
            {
                // Socket.SendAsync(IList) sends every segment before completing: one sendmsg() in the common case.
                await _socket.SendAsync(_segments, SocketFlags.None).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _segments.Clear();
            }

            return;
        }

        foreach (var segment in buffer)
        {
            var remaining = segment;
            while (!remaining.IsEmpty)
            {
                remaining = remaining[await _socket.SendAsync(remaining, SocketFlags.None, cancellationToken).ConfigureAwait(false)..];
            }
        }
    }

    public override void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    public override void ResetOnClose() => _socket.LingerState = new LingerOption(true, 0);

    public override void Dispose() => _socket.Dispose();

    /// <summary>The blocks of <paramref name="buffer"/> as array segments, for a gathering send; false when one is not array-backed.</summary>
    private static bool TryGather(in ReadOnlySequence<byte> buffer, [NotNullWhen(true)] ref List<ArraySegment<byte>>? segments)
    {
        segments ??= new List<ArraySegment<byte>>(16);
        foreach (var block in buffer)
        {
            if (!MemoryMarshal.TryGetArray(block, out var array))
            {
                segments.Clear();
                return false;
            }

            segments.Add(array);
        }

        return true;
    }
}
