using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Support;

/// <summary>Inline connection handlers: the transport is tested with the smallest applications that exercise it.</summary>
internal static class Handlers
{
    /// <summary>RFC 862 echo in one line: every byte back, then FIN once the input has ended.</summary>
    public static readonly TcpConnectionHandler Echo = (c, _) => new ValueTask(c.Input.CopyToAsync(c.Output));
}
