namespace NetProg.Transport.Tcp;

public sealed partial class TcpConnection
{
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
                    // recv) relies on (research/anchors.md B.7). Several pipe blocks (bulk echo) go out in one gathering
                    // sendmsg() rather than one send() per 4 KiB block.
                    if (!buffer.IsSingleSegment)
                    {
                        await _io.SendAllAsync(buffer, _aborted.Token).ConfigureAwait(false);
                        Interlocked.Add(ref _bytesSent, buffer.Length);
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

            // Everything is sent: now FIN. The receive side stays open (half-close) until the peer's FIN or the linger timeout.
            // Not after an abort (which woke this loop with CancelPendingRead, on the aborting thread, before it closes the
            // socket): a FIN there would let the peer read a failed exchange as a finished reply.
            if (!_aborted.IsCancellationRequested)
            {
                _io.ShutdownSend();
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
            Abort(_closeReason >= 0 ? (CloseReason)_closeReason : CloseReason.Error);
        }

        await reader.CompleteAsync(error).ConfigureAwait(false);
    }
}
