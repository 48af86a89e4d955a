using NetProg.Transport.Tcp;

namespace NetProg.Services.Echo;

/// <summary>
/// The echo server (RFC 862): every byte back, in order. Over TCP what was read is sent back from the blocks it was read into
/// when the socket takes it, and waits in the connection's bounded output pipe when it does not, so a client that sends
/// without reading is slowed by TCP flow control, never buffered without limit; when the client half-closes, what is pending
/// is sent and then the server closes too.
/// </summary>
public static class EchoService
{
    public static ValueTask HandleConnectionAsync(TcpConnection connection, CancellationToken stopping) => CopyAsync(connection);

    /// <summary>Each datagram back to its sender unchanged: the reply is never larger than the request.</summary>
    public static int HandleDatagram(ReadOnlySpan<byte> request, IPEndPoint remote, Span<byte> reply)
    {
        request.CopyTo(reply);
        return request.Length;
    }

    /// <summary>
    /// What was read goes back with one send per read: <see cref="TcpConnection.SendAsync"/> sends from the blocks it was read
    /// into when the socket takes it at once, and copies only the rest. (PipeReader's CopyToAsync flushes after every block,
    /// and a pipe's WriteAsync cuts a 64 KiB block into sixteen 4 KiB ones: sixteen send() calls or one sixteen-part sendmsg()
    /// per read of a bulk peer.)
    /// </summary>
    private static async ValueTask CopyAsync(TcpConnection connection)
    {
        var input = connection.Input;
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var sent = buffer.IsEmpty ? default : await connection.SendAsync(buffer).ConfigureAwait(false);
            input.AdvanceTo(buffer.End);

            // The input ended, or the connection is going away (nothing more would be sent).
            if (result.IsCompleted || result.IsCanceled || sent.IsCompleted || sent.IsCanceled)
            {
                return;
            }
        }
    }
}
