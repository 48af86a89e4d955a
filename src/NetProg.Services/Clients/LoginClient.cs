using System.Buffers;
using NetProg.Protocols.Lines;
using NetProg.Transport;

namespace NetProg.Services.Clients;

/// <summary>
/// The client side of the login echo's handshake (docs/PROTOCOL.md): read <c>220</c>, send <c>USER</c>, expect <c>331</c>, send
/// <c>PASS</c>, expect <c>230</c>. Replies are read line by line from the channel's reader, so nothing after them is lost.
/// </summary>
public static class LoginClient
{
    /// <summary>Returns the 230 line (<c>230 welcome alice</c>); throws <see cref="LoginRefusedException"/> otherwise.</summary>
    public static async Task<string> LoginAsync(ClientChannel channel, LoginCredentials credentials, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await Expect(channel, 220, deadline.Token).ConfigureAwait(false);
            await channel.WriteAsync(Encoding.UTF8.GetBytes($"USER {credentials.UserName}\r\n"), deadline.Token).ConfigureAwait(false);
            await Expect(channel, 331, deadline.Token).ConfigureAwait(false);
            await channel.WriteAsync(Encoding.UTF8.GetBytes($"PASS {credentials.Password}\r\n"), deadline.Token).ConfigureAwait(false);
            return await Expect(channel, 230, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NetworkException(
                SocketErrorKind.TimedOut, NetworkOperation.Receive, TransportProtocol.Tcp, channel.RemoteEndPoint, null,
                $"no login reply within {timeout.TotalSeconds:0.###} s: is it a netprog echo-server --login, and does it need --tls?");
        }
    }

    private static async Task<string> Expect(ClientChannel channel, int code, CancellationToken cancellationToken)
    {
        var reply = await ReadReplyAsync(channel, cancellationToken).ConfigureAwait(false);
        var actual = reply.Length >= 3 && int.TryParse(reply.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : 0;
        if (actual != code)
        {
            throw new LoginRefusedException(actual, reply);
        }

        return reply;
    }

    private static async Task<string> ReadReplyAsync(ClientChannel channel, CancellationToken cancellationToken)
    {
        var reader = channel.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = LineReader.TryReadLine(ref buffer, LineReader.DefaultMaxLineLength, out var line);
            if (status == LineReadStatus.Line)
            {
                var text = Encoding.UTF8.GetString(line.ToArray());
                reader.AdvanceTo(buffer.Start);
                return text;
            }

            if (status == LineReadStatus.TooLong)
            {
                reader.AdvanceTo(buffer.Start);
                throw new LoginRefusedException(0, "the server sent a line longer than 4,096 bytes: not the login echo protocol");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new LoginRefusedException(0, buffer.IsEmpty
                    ? "the server closed the connection during login"
                    : $"the server closed the connection after '{Encoding.UTF8.GetString(buffer.ToArray())}'");
            }
        }
    }
}
