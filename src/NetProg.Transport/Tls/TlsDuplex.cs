using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tls;

/// <summary>
/// TLS as a decorator around a <see cref="TcpConnection"/> (BedrockFramework's <c>UseServerTls</c>): the handshake runs over the
/// connection's pipes, and the handler gets plaintext <see cref="Input"/> and <see cref="Output"/> pipes with the same
/// semantics as the connection's. Completing <see cref="Output"/> sends TLS close_notify, then the connection's FIN.
/// </summary>
public sealed class TlsDuplex : IAsyncDisposable
{
    private const int BufferSize = 16 * 1024; // one TLS record

    private readonly TcpConnection _connection;
    private readonly SslStream _ssl;

    private TlsDuplex(TcpConnection connection, SslStream ssl)
    {
        _connection = connection;
        _ssl = ssl;
        Input = PipeReader.Create(ssl, new StreamPipeReaderOptions(bufferSize: BufferSize, leaveOpen: true));
        Output = new TlsOutputWriter(PipeWriter.Create(ssl, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true)), this);
    }

    /// <summary>Decrypted bytes from the peer; completes at the peer's close_notify or FIN.</summary>
    public PipeReader Input { get; }

    /// <summary>Bytes to encrypt and send; completing it ends the TLS session and half-closes the connection.</summary>
    public PipeWriter Output { get; }

    /// <summary>The negotiated protocol, for the log.</summary>
    public SslProtocols Protocol => _ssl.SslProtocol;

    /// <summary>
    /// Runs the server side of the handshake within <paramref name="timeout"/>. Throws <see cref="AuthenticationException"/>
    /// when the client refuses our certificate or speaks no TLS, <see cref="TimeoutException"/> when it says nothing.
    /// </summary>
    public static async Task<TlsDuplex> AuthenticateAsServerAsync(TcpConnection connection, X509Certificate2 certificate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(new DuplexPipeStream(connection.Input, connection.Output), leaveInnerStreamOpen: true);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Aborted);
        deadline.CancelAfter(timeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateRequired = false,
                    // TLS 1.2 and 1.3 only: older versions are broken and disabled by every current OS anyway.
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                },
                deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"no TLS handshake within {timeout.TotalSeconds:0.###} s");
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new TlsDuplex(connection, ssl);
    }

    public async ValueTask DisposeAsync() => await _ssl.DisposeAsync().ConfigureAwait(false);

    /// <summary>close_notify (RFC 8446 §6.1), then FIN on the connection underneath.</summary>
    internal async ValueTask CloseOutputAsync()
    {
        try
        {
            await _ssl.ShutdownAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone: nothing left to tell it.
        }

        await _connection.Output.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>A failed handler: no close_notify, the connection ends with the error (a reset).</summary>
    internal ValueTask FailOutputAsync(Exception exception) => _connection.Output.CompleteAsync(exception);
}
