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
    // Not async: the copy's own task is the handler's, with no second state machine kept per connection.
    public static ValueTask HandleConnectionAsync(TcpConnection connection, CancellationToken stopping) =>
        new(connection.Input.CopyToAsync(connection.Output, CancellationToken.None));

    /// <summary>Each datagram back to its sender unchanged: the reply is never larger than the request.</summary>
    public static int HandleDatagram(ReadOnlySpan<byte> request, IPEndPoint remote, Span<byte> reply)
    {
        request.CopyTo(reply);
        return request.Length;
    }
}
