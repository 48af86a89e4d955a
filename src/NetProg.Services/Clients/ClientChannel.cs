using System.IO.Pipelines;
using System.Net.Security;
using NetProg.Transport;
using NetProg.Transport.Client;
using NetProg.Transport.Tls;

namespace NetProg.Services.Clients;

/// <summary>
/// A client's connected byte stream to a server, plain TCP or TLS: a <see cref="Reader"/> for what arrives (so that a login
/// exchange and the echo after it read from one buffer and nothing is lost between them), <see cref="WriteAsync"/>, and a
/// half-close that ends TLS properly (close_notify) before the FIN.
/// </summary>
public sealed class ClientChannel : IAsyncDisposable
{
    private readonly TcpClientConnection _connection;
    private readonly Stream _stream;

    private ClientChannel(TcpClientConnection connection, Stream stream)
    {
        _connection = connection;
        _stream = stream;
        Reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
    }

    public PipeReader Reader { get; }

    public IPEndPoint RemoteEndPoint => _connection.RemoteEndPoint;

    public IReadOnlyList<ConnectAttempt> FailedAttempts => _connection.FailedAttempts;

    public bool IsTls => Ssl is not null;

    /// <summary>The stream itself when it is TLS: one object, disposed once, as the stream.</summary>
    private SslStream? Ssl => _stream as SslStream;

    /// <summary>Connects (trying every address of <paramref name="host"/>) and, with <paramref name="tls"/>, sets up TLS.</summary>
    public static async Task<ClientChannel> ConnectAsync(string host, int port, ClientTls? tls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = await TcpConnector.ConnectAsync(host, port, timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            if (tls is null)
            {
                return new ClientChannel(connection, new NetworkStream(connection.Socket, ownsSocket: false));
            }

            var ssl = await TlsClient.AuthenticateAsync(connection.Socket, host, tls.Pin, timeout, cancellationToken).ConfigureAwait(false);
            return new ClientChannel(connection, ssl);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is SocketException s)
        {
            throw NetworkException.From(s, NetworkOperation.Send, TransportProtocol.Tcp, RemoteEndPoint);
        }
    }

    /// <summary>The end of our input: TLS close_notify (RFC 8446 §6.1) when there is TLS, then FIN.</summary>
    public async ValueTask HalfCloseAsync()
    {
        if (Ssl is { } ssl)
        {
            await ssl.ShutdownAsync().ConfigureAwait(false);
        }

        _connection.Socket.Shutdown(SocketShutdown.Send);
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _connection.Dispose();
    }
}
