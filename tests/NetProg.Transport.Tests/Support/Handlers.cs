using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Support;

/// <summary>Inline connection handlers: the transport is tested with the smallest applications that exercise it.</summary>
internal static class Handlers
{
    /// <summary>RFC 862 echo in one line: every byte back, then FIN once the input has ended.</summary>
    public static readonly TcpConnectionHandler Echo = (c, _) => new ValueTask(c.Input.CopyToAsync(c.Output));

    /// <summary>Echo through <see cref="TcpConnection.SendAsync"/>: each read sent back from the blocks it was read into.</summary>
    public static readonly TcpConnectionHandler EchoBySend = (c, _) => EchoBySendAsync(c);

    private static async ValueTask EchoBySendAsync(TcpConnection connection)
    {
        while (true)
        {
            var result = await connection.Input.ReadAsync();
            var buffer = result.Buffer;
            var sent = await connection.SendAsync(buffer);
            connection.Input.AdvanceTo(buffer.End);
            if (result.IsCompleted || sent.IsCompleted)
            {
                return;
            }
        }
    }
}
