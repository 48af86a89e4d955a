using System.Buffers;
using NetProg.Transport;
using NetProg.Transport.Client;

namespace NetProg.Services.Clients;

/// <summary>
/// The interactive echo client's connection: send a line, wait for as many bytes back (TCP, optionally over TLS and after a
/// login) or for the echo datagram (UDP).
/// </summary>
public sealed class EchoSession : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly TimeSpan _timeout;
    private readonly ClientChannel? _tcp;
    private UdpClientSocket? _udp;
    private long _sentBefore;

    private EchoSession(string host, int port, TimeSpan timeout, ClientChannel? tcp, string? welcome)
    {
        _host = host;
        _port = port;
        _timeout = timeout;
        _tcp = tcp;
        Welcome = welcome;
    }

    /// <summary>The server's address; for UDP known only after the first exchange.</summary>
    public IPEndPoint? RemoteEndPoint => _tcp?.RemoteEndPoint ?? _udp?.RemoteEndPoint;

    public IReadOnlyList<ConnectAttempt> FailedAttempts => _tcp?.FailedAttempts ?? _udp?.FailedAttempts ?? [];

    public TransportProtocol Protocol => _tcp is null ? TransportProtocol.Udp : TransportProtocol.Tcp;

    public bool IsTls => _tcp?.IsTls ?? false;

    /// <summary>The server's 230 line after a login, e.g. <c>230 welcome alice</c>.</summary>
    public string? Welcome { get; }

    public static Task<EchoSession> OpenAsync(string host, int port, bool udp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // An if, not a ternary: CA2000 reads a disposable returned from a branch of one as lost (as in dotnet/roslyn-analyzers#3873).
        if (udp)
        {
            return Task.FromResult(new EchoSession(host, port, timeout, null, null));
        }

        return OpenAsync(host, port, new EchoConnectOptions(timeout), cancellationToken);
    }

    /// <summary>TCP: connects now, sets up TLS and logs in when <paramref name="options"/> ask for it.</summary>
    public static async Task<EchoSession> OpenAsync(string host, int port, EchoConnectOptions options, CancellationToken cancellationToken)
    {
        var channel = await ClientChannel.ConnectAsync(host, port, options.Tls, options.Timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            var welcome = options.Login is { } login
                ? await LoginClient.LoginAsync(channel, login, options.Timeout, cancellationToken).ConfigureAwait(false)
                : null;
            return new EchoSession(host, port, options.Timeout, channel, welcome);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends <paramref name="line"/> and returns what came back; fewer bytes than sent means the server closed.</summary>
    public async Task<byte[]> ExchangeAsync(byte[] line, CancellationToken cancellationToken)
    {
        if (_tcp is null)
        {
            if (_udp is null)
            {
                (_udp, var first) = await EchoClient.OpenDatagramEchoAsync(_host, _port, line, _timeout, cancellationToken).ConfigureAwait(false);
                return first.Data;
            }

            return (await EchoClient.ExchangeDatagramEchoAsync(_udp, line, _timeout, cancellationToken).ConfigureAwait(false)).Data;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await _tcp.WriteAsync(line, deadline.Token).ConfigureAwait(false);
            // TCP has no message boundaries: the echo may come in several pieces (RFC 9293: a byte stream;
            // chronoxor/NetCoreServer#3).
            while (true)
            {
                var result = await _tcp.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (buffer.Length >= line.Length || result.IsCompleted)
                {
                    var take = buffer.Slice(0, Math.Min(buffer.Length, line.Length));
                    var reply = take.ToArray();
                    if (ForeignReply.IsMostlyUnlike(reply, line.AsSpan(0, reply.Length)) || (_sentBefore == 0 && buffer.Length > line.Length))
                    {
                        // Not the line back: a time server's reply, the login server's greeting (it spoke before we did).
                        var sample = buffer.Slice(0, Math.Min(buffer.Length, ForeignReply.MaxSampleBytes)).ToArray();
                        _tcp.Reader.AdvanceTo(buffer.End);
                        throw new WrongServiceException(ExpectedService.Echo, ForeignReply.Of(sample, line), _tcp.RemoteEndPoint, TransportProtocol.Tcp);
                    }

                    _sentBefore += line.Length;
                    _tcp.Reader.AdvanceTo(take.End);
                    return reply;
                }

                _tcp.Reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NetworkException(
                SocketErrorKind.TimedOut, NetworkOperation.Receive, TransportProtocol.Tcp, _tcp.RemoteEndPoint, _host,
                $"no echo within {_timeout.TotalSeconds:0.###} s");
        }
        catch (IOException e) when (e.InnerException is SocketException s)
        {
            throw NetworkException.From(s, NetworkOperation.Receive, TransportProtocol.Tcp, _tcp.RemoteEndPoint, _host);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_tcp is not null)
        {
            await _tcp.DisposeAsync().ConfigureAwait(false);
        }

        _udp?.Dispose();
    }
}
