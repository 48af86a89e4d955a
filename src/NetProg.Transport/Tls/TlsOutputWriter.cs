using System.IO.Pipelines;

namespace NetProg.Transport.Tls;

/// <summary>The plaintext writer of a <see cref="TlsDuplex"/>: completing it closes the TLS session, so a handler needs to know nothing of TLS.</summary>
internal sealed class TlsOutputWriter(PipeWriter inner, TlsDuplex owner) : PipeWriter
{
    public override void Advance(int bytes) => inner.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void Complete(Exception? exception = null) => CompleteAsync(exception).AsTask().GetAwaiter().GetResult();

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        await inner.CompleteAsync(exception).ConfigureAwait(false);
        if (exception is null)
        {
            await owner.CloseOutputAsync().ConfigureAwait(false);
        }
        else
        {
            await owner.FailOutputAsync(exception).ConfigureAwait(false);
        }
    }
}
