using System.Net.Sockets;

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
                var result = await reader.ReadAsync(_aborted.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    // One send per segment: a reply the handler wrote with one write goes out in one send(), which the course's
                    // time_client (a single recv) relies on (research/anchors.md B.7).
                    foreach (var segment in buffer)
                    {
                        var remaining = segment;
                        while (!remaining.IsEmpty)
                        {
                            var sent = await _socket.SendAsync(remaining, SocketFlags.None, _aborted.Token).ConfigureAwait(false);
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

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            // Everything is sent: now FIN. The receive side stays open (half-close) until the peer's FIN or the linger timeout.
            _socket.Shutdown(SocketShutdown.Send);
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
