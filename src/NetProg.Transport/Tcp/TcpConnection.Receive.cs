using System.Numerics;

namespace NetProg.Transport.Tcp;

public sealed partial class TcpConnection
{
    /// <summary>
    /// The size of the first read after the socket was found empty: larger than the last burst (the bytes read until then,
    /// about one message of a ping-pong peer), so that a peer sending 64 KiB messages is read in one recv() per message
    /// instead of climbing from 4 KiB each time. Strictly larger: a read that fills its buffer cannot tell that the socket is
    /// now empty, and the next recv() would only say EAGAIN (edge-triggered epoll announces no data that is already there).
    /// The buffer is still taken only once data is there.
    /// </summary>
    private static int SizeAfterBurst(int burst, int maxRead) =>
        (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)burst + 1), MinReceiveBuffer, (uint)maxRead);

    private async Task ReceiveLoopAsync(CancellationToken stopping)
    {
        var writer = _input.Writer;
        Exception? error = null;
        try
        {
            // Stop taking new input when the server stops: the handler then sees the end of input, answers what it already
            // has, and finishes (the "let in-flight exchanges finish" part of shutdown). An abort needs no token here: it
            // disposes the socket, which fails the pending receive. (A linked token source would cost ~300 bytes per
            // connection, idle or not.)
            var discarding = false;
            byte[]? discardBuffer = null;
            var maxRead = Math.Clamp(2 * _options.MaxInputBufferSize, MinReceiveBuffer, MaxReceiveBuffer);
            var sizeHint = MinReceiveBuffer;
            var burst = 0; // Bytes read since the socket was last found empty: about one message of a ping-pong peer.
            var drained = true; // The last read was short: the socket was empty then.
            while (true)
            {
                int received;
                if (!discarding)
                {
                    if (drained || _io.WaitForDataIsFree)
                    {
                        // Wait for data before taking a buffer (Kestrel's WaitForDataBeforeAllocatingBuffer): a zero-byte
                        // receive completes when bytes (or the FIN) are there, so an idle connection holds no 4 KiB block.
                        // Skipped after a read that filled its buffer: more is already waiting.
                        await _io.WaitForDataAsync(stopping).ConfigureAwait(false);
                        if (_life.ClosingAtOnce)
                        {
                            break; // Woken by the close that follows a reply to a peer that sent nothing: no read, no exception.
                        }
                    }

                    var memory = writer.GetMemory(sizeHint);
                    received = await _io.ReceiveAsync(memory, stopping).ConfigureAwait(false);
                    if (received == 0)
                    {
                        _life.PeerFinished();
                        break; // FIN: the peer half-closed.
                    }

                    // A full buffer means a bulk sender: read bigger blocks (up to the input bound) to save syscalls. A short
                    // read means the socket is empty (the peer waits for us): wait for data, then read the size of this burst.
                    burst = Math.Min(burst + received, maxRead);
                    drained = received < memory.Length;
                    if (drained)
                    {
                        sizeHint = SizeAfterBurst(burst, maxRead);
                        burst = 0;
                    }
                    else
                    {
                        sizeHint = Math.Min(Math.Max(sizeHint, memory.Length) * 2, maxRead);
                    }

                    Interlocked.Add(ref _bytesReceived, received);
                    Touch();
                    writer.Advance(received);
                    var flush = await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    // The handler completed its input: from now on only wait for FIN.
                    discarding = flush.IsCompleted;
                }
                else
                {
                    discardBuffer ??= new byte[MinReceiveBuffer];
                    received = await _io.ReceiveAsync(discardBuffer, _aborted.Token).ConfigureAwait(false);
                    if (received == 0)
                    {
                        _life.PeerFinished();
                        break;
                    }

                    Interlocked.Add(ref _bytesReceived, received);
                    Touch();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Server stopping or connection aborted: end of input.
        }
        catch (Exception e) when (SocketErrors.IsConnectionGone(e))
        {
            // Not when the server closed at once (a byte that came after the look was being read as the socket closed).
            if (!_aborted.IsCancellationRequested && !_life.ClosingAtOnce)
            {
                _life.SetReason(CloseReason.PeerReset);
                error = e;
                Abort(CloseReason.PeerReset);
            }
        }
        catch (Exception e)
        {
            error = e;
            Abort(CloseReason.Error);
        }

        await writer.CompleteAsync(error is null ? null : new IOException("connection reset", error)).ConfigureAwait(false);
    }
}
