using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using NetProg.Transport.Tcp;

namespace NetProg.Services.Echo;

/// <summary>
/// The echo server (RFC 862): every byte back, in order. Over TCP the copy runs through the connection's bounded pipes, so a
/// client that sends without reading is slowed by TCP flow control, never buffered without limit; when the client half-closes,
/// what is pending is sent and then the server closes too.
/// </summary>
public static class EchoService
{
    public static ValueTask HandleConnectionAsync(TcpConnection connection, CancellationToken stopping) =>
        CopyAsync(connection.Input, connection.Output);

    /// <summary>Each datagram back to its sender unchanged: the reply is never larger than the request.</summary>
    public static int HandleDatagram(ReadOnlySpan<byte> request, IPEndPoint remote, Span<byte> reply)
    {
        request.CopyTo(reply);
        return request.Length;
    }

    /// <summary>
    /// What was read, copied block for block into blocks of the same size, then one flush: one send() per read. (PipeReader's
    /// CopyToAsync flushes after every block it copies, and a pipe's WriteAsync cuts a 64 KiB block into sixteen 4 KiB ones:
    /// sixteen send() calls or one sixteen-part sendmsg() per read of a bulk peer, issue #7.)
    /// </summary>
    private static async ValueTask CopyAsync(PipeReader input, PipeWriter output)
    {
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            foreach (var block in buffer)
            {
                if (!block.IsEmpty)
                {
                    block.Span.CopyTo(output.GetSpan(block.Length));
                    output.Advance(block.Length);
                }
            }

            input.AdvanceTo(buffer.End);
            if (!buffer.IsEmpty)
            {
                var flushed = await output.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return; // The connection is going away: nothing will be sent.
                }
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }
}
