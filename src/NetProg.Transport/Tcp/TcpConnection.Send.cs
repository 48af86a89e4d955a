using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NetProg.Transport.Tcp;

public sealed partial class TcpConnection
{
    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        List<ArraySegment<byte>>? segments = null;
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
                    if (!buffer.IsSingleSegment && TryGather(buffer, ref segments))
                    {
                        var sent = await _socket.SendAsync(segments, SocketFlags.None).WaitAsync(_aborted.Token).ConfigureAwait(false);
                        Interlocked.Add(ref _bytesSent, sent);
                        Touch();
                        segments.Clear();
                    }
                    else
                    {
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
                _socket.Shutdown(SocketShutdown.Send);
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

    /// <summary>The blocks of <paramref name="buffer"/> as array segments, for a gathering send; false when one is not array-backed.</summary>
    private static bool TryGather(in ReadOnlySequence<byte> buffer, [NotNull] ref List<ArraySegment<byte>>? segments)
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
