using System.Buffers;
using System.IO.Pipelines;

namespace NetProg.Transport.Tcp;

public sealed partial class TcpConnection
{
    /// <summary>
    /// Sends <paramref name="data"/> as writing it to <see cref="Output"/> and flushing would, but straight from the caller's
    /// buffers when it can: when everything written to Output before has been sent, the socket is offered the data at once
    /// (one send() or gathering sendmsg(), never waiting), and only what it does not take is copied to Output. An echo of
    /// 64 KiB messages thus sends from the blocks it received into, as a C server sends from its one buffer, instead of
    /// copying each message into the output pipe first. The portable engine always copies. The caller may reuse
    /// <paramref name="data"/> once the returned task completes; the result is Output's flush result. The bytes go to the
    /// socket as they are: a handler speaking TLS over this connection (<see cref="Tls.TlsDuplex"/>) writes through its TLS
    /// duplex, never here.
    /// </summary>
    public ValueTask<FlushResult> SendAsync(in ReadOnlySequence<byte> data)
    {
        var sent = 0L;
        // Nothing left to send: a send() here cannot overtake or interleave with the send loop's.
        if (!data.IsEmpty && NothingLeftToSend)
        {
            sent = TrySendNow(data);
            if (sent == data.Length)
            {
                return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: false));
            }
        }

        // Block for block into blocks of the same size, not PipeWriter.Write: its GetSpan() takes the pipe's 4 KiB segments,
        // and a 64 KiB block would then leave in a sixteen-part sendmsg() (bench/history/2026-11-steps-1-27.md, step 18).
        foreach (var block in data.Slice(sent))
        {
            if (!block.IsEmpty)
            {
                block.Span.CopyTo(_outputWriter.GetSpan(block.Length));
                _outputWriter.Advance(block.Length);
            }
        }

        return _outputWriter.FlushAsync();
    }

    private long TrySendNow(in ReadOnlySequence<byte> data)
    {
        try
        {
            var sent = _io.TrySend(data);
            if (sent > 0)
            {
                Interlocked.Add(ref _bytesSent, sent);
                Touch();
            }

            return sent;
        }
        catch (Exception e) when (e is ObjectDisposedException || SocketErrors.IsConnectionGone(e))
        {
            // Aborted or reset: the data goes to Output instead, where the send loop meets the same end and reports it once,
            // as for any other write.
            return 0;
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break; // Abort: send nothing more.
                }

                var buffer = result.Buffer;
                try
                {
                    // A reply the handler wrote with one write goes out in one send(), which the course's time_client (a single
                    // recv, tests/Integration/course-c/time_client.c) relies on: TCP keeps no message boundaries. Several pipe
                    // blocks (bulk echo) go out in one gathering sendmsg() rather than one send() per 4 KiB block.
                    if (!buffer.IsSingleSegment)
                    {
                        await _io.SendAllAsync(buffer, _aborted.Token).ConfigureAwait(false);
                        Interlocked.Add(ref _bytesSent, buffer.Length);
                        Interlocked.Add(ref _pipeBytesSent, buffer.Length);
                        Touch();
                    }
                    else
                    {
                        var remaining = buffer.First;
                        while (!remaining.IsEmpty)
                        {
                            var sent = await _io.SendAsync(remaining, _aborted.Token).ConfigureAwait(false);
                            remaining = remaining[sent..];
                            Interlocked.Add(ref _bytesSent, sent);
                            Interlocked.Add(ref _pipeBytesSent, sent);
                            Touch();
                        }
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }

            // Everything is sent: now FIN. Not after an abort (which woke this loop with CancelPendingRead, on the aborting
            // thread, before it closes the socket): a FIN there would let the peer read a failed exchange as a finished reply.
            if (!_aborted.IsCancellationRequested)
            {
                if (_life.HandlerDone && Interlocked.Read(ref _bytesReceived) == 0 && _io.InputIsEmpty())
                {
                    // The peer has sent nothing (a time client): close() now sends the FIN and the kernel finishes the close,
                    // as the C server's close() right after its send(). Safe: close() turns into a RST only over unread
                    // input, and there is none. Four system calls per time-server connection instead of six, and no epoll
                    // registration (bench/history/2026-11-steps-1-27.md, step 24). nginx's default "lingering_close on"
                    // decides alike: linger only when the client may be sending more.
                    _life.CloseAtOnce();
                }
                else
                {
                    // The peer has sent something, so it may send more: FIN by shutdown(), and the receive side stays open
                    // (half-close) until the peer's FIN or the linger timeout, so that our close cannot become a RST that
                    // destroys the reply before the peer has read it (RFC 1122 4.2.2.13).
                    _life.OutputFinished(); // Before the FIN goes: a peer that reads it finds the connection half-closed.
                    _io.ShutdownSend();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (SocketErrors.IsConnectionGone(e))
        {
            if (!_aborted.IsCancellationRequested)
            {
                error = e;
                Abort(CloseReason.PeerReset);
            }
        }
        catch (Exception e)
        {
            // Includes the handler's own exception, rethrown by ReadAsync when it completed Output with it: abort rather than
            // end with a clean FIN, so the peer can tell a failure from a finished reply.
            error = e;
            Abort(_life.HasReason ? _life.Reason : CloseReason.Error);
        }

        await reader.CompleteAsync(error).ConfigureAwait(false);
    }
}
