using System.Net;
using System.Net.Sockets;
using NetProg.Transport;
using NetProg.Transport.Client;

namespace NetProg.Services.Clients;

/// <summary>
/// The interactive echo client's connection: send a line, wait for as many bytes back (TCP) or for the echo datagram (UDP).
/// </summary>
public sealed class EchoSession : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly TimeSpan _timeout;
    private readonly TcpClientConnection? _tcp;
    private UdpClientSocket? _udp;

    private EchoSession(string host, int port, TimeSpan timeout, TcpClientConnection? tcp)
    {
        _host = host;
        _port = port;
        _timeout = timeout;
        _tcp = tcp;
    }

    /// <summary>The server's address; for UDP known only after the first exchange.</summary>
    public IPEndPoint? RemoteEndPoint => _tcp?.RemoteEndPoint ?? _udp?.RemoteEndPoint;

    public IReadOnlyList<ConnectAttempt> FailedAttempts => _tcp?.FailedAttempts ?? _udp?.FailedAttempts ?? [];

    public TransportProtocol Protocol => _tcp is null ? TransportProtocol.Udp : TransportProtocol.Tcp;

    /// <summary>TCP connects now; UDP has nothing to connect to until the first line is sent.</summary>
    public static async Task<EchoSession> OpenAsync(string host, int port, bool udp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (udp)
        {
            return new EchoSession(host, port, timeout, null);
        }

        var tcp = await TcpConnector.ConnectAsync(host, port, timeout, cancellationToken).ConfigureAwait(false);
        return new EchoSession(host, port, timeout, tcp);
    }

    /// <summary>Sends <paramref name="line"/> and returns what came back; fewer bytes than sent means the server closed.</summary>
    public async Task<byte[]> ExchangeAsync(byte[] line, CancellationToken cancellationToken)
    {
        if (_tcp is null)
        {
            bool SameBytes(ReadOnlyMemory<byte> reply) => reply.Span.SequenceEqual(line);
            if (_udp is null)
            {
                (_udp, var first) = await UdpClientSocket.OpenAsync(_host, _port, line, _timeout, SameBytes, cancellationToken).ConfigureAwait(false);
                return first.Data;
            }

            return (await _udp.ExchangeAsync(line, _timeout, SameBytes, cancellationToken).ConfigureAwait(false)).Data;
        }

        var socket = _tcp.Socket;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await socket.SendAsync(line, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            // TCP has no message boundaries: the echo may come in several pieces (research/anchors.md B.7).
            var reply = new byte[line.Length];
            var length = 0;
            while (length < reply.Length)
            {
                var n = await socket.ReceiveAsync(reply.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return reply[..length];
                }

                length += n;
            }

            return reply;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NetworkException(
                SocketErrorKind.TimedOut, NetworkOperation.Receive, TransportProtocol.Tcp, _tcp.RemoteEndPoint, _host,
                $"no echo within {_timeout.TotalSeconds:0.###} s");
        }
        catch (SocketException e)
        {
            throw NetworkException.From(e, NetworkOperation.Receive, TransportProtocol.Tcp, _tcp.RemoteEndPoint, _host);
        }
    }

    public void Dispose()
    {
        _tcp?.Dispose();
        _udp?.Dispose();
    }
}
