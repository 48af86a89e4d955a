using System.IO.Pipelines;

namespace NetProg.Transport.Tcp;

/// <summary>
/// The handler's end of a connection's output pipe, counting what is written to it: <see cref="TcpConnection.SendAsync"/>
/// compares the count with what the send loop has sent, to know that nothing written earlier still waits to go out, and that
/// it may send new bytes itself without overtaking them.
/// </summary>
internal sealed class CountingPipeWriter(PipeWriter inner) : PipeWriter
{
    /// <summary>Bytes written so far, flushed or not. Only the writer (the handler) touches it.</summary>
    public long Written { get; private set; }

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void Advance(int bytes)
    {
        inner.Advance(bytes);
        Written += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        // Pipe's own WriteAsync copies without calling Advance: count here.
        Written += source.Length;
        return inner.WriteAsync(source, cancellationToken);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
