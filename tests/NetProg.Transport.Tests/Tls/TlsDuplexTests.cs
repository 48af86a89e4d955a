using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using NetProg.Transport.Tcp;
using NetProg.Transport.Tls;

namespace NetProg.Transport.Tests.Tls;

/// <summary>TLS as a decorator: the echo handler is the plain one, run over the decrypted pipes.</summary>
public sealed class TlsDuplexTests
{
    private static readonly TcpConnectionHandler TlsEcho = async (connection, stopping) =>
    {
        await using var tls = await TlsDuplex.AuthenticateAsServerAsync(connection, TestCertificate.Server, TimeSpan.FromSeconds(5), stopping);
        await tls.Input.CopyToAsync(tls.Output, stopping);
        await tls.Output.CompleteAsync();
    };

    [Fact]
    public async Task Should_echo_over_tls_and_end_with_close_notify_then_fin()
    {
        // Given a TLS echo server and a client that pins the server's certificate
        await using var server = RunningTcpServer.Start(TlsEcho);
        using var socket = await Loopback.ConnectAsync(server.EndPoint);
        await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false));
        var pinned = TestCertificate.Server.GetCertHash(HashAlgorithmName.SHA256);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pinned),
        }).WaitAsync(Waits.Long);
        var payload = Payloads.Random(3, 300_000);

        // When it sends a payload in pieces, reads all of it back, then ends its side of the TLS session.
        // The close_notify is made only once the echo is in: SslStream on OpenSSL builds it with SSL_shutdown on
        // the same SSL object its reads decrypt with, and OpenSSL objects are not safe for concurrent use
        // (https://docs.openssl.org/3.0/man7/openssl-threads/), which failed this test now and then with
        // SSL_ERROR_SYSCALL while a read was decrypting the echo.
        var echoed = new byte[payload.Length];
        var reading = ssl.ReadExactlyAsync(echoed).AsTask();
        foreach (var chunk in payload.Chunk(7_000))
        {
            await ssl.WriteAsync(chunk);
        }

        await reading.WaitAsync(Waits.Long);
        await ssl.ShutdownAsync();
        var rest = await ReadToEndAsync(ssl).WaitAsync(Waits.Long);

        // Then everything comes back, and the server ends the session cleanly (a read returns 0, not an exception)
        BytesAssert.Equal(payload, echoed);
        Assert.Empty(rest);
        Assert.True(ssl.SslProtocol is SslProtocols.Tls12 or SslProtocols.Tls13);
    }

    [Fact]
    public async Task Should_fail_the_handshake_when_the_client_speaks_plain_text()
    {
        // Given a TLS server whose handler reports how the handshake ended
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        TcpConnectionHandler handler = async (connection, stopping) =>
        {
            try
            {
                await using var tls = await TlsDuplex.AuthenticateAsServerAsync(connection, TestCertificate.Server, TimeSpan.FromSeconds(5), stopping);
                outcome.TrySetResult(null);
            }
            catch (Exception e)
            {
                outcome.TrySetResult(e);
            }
        };
        await using var server = RunningTcpServer.Start(handler);

        // When a client sends a plain line instead of a ClientHello
        using var socket = await Loopback.ConnectAsync(server.EndPoint);
        await socket.SendAsync("USER alice\r\n"u8.ToArray(), SocketFlags.None);

        // Then the server's handshake fails with an authentication error, not a hang
        var error = await outcome.Task.WaitAsync(Waits.Long);
        Assert.IsAssignableFrom<AuthenticationException>(error);
    }

    [Fact]
    public async Task Should_time_out_the_handshake_when_the_client_says_nothing()
    {
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        TcpConnectionHandler handler = async (connection, stopping) =>
        {
            try
            {
                await using var tls = await TlsDuplex.AuthenticateAsServerAsync(connection, TestCertificate.Server, TimeSpan.FromMilliseconds(300), stopping);
                outcome.TrySetResult(null);
            }
            catch (Exception e)
            {
                outcome.TrySetResult(e);
            }
        };
        await using var server = RunningTcpServer.Start(handler);

        using var socket = await Loopback.ConnectAsync(server.EndPoint);

        Assert.IsType<TimeoutException>(await outcome.Task.WaitAsync(Waits.Long));
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, n);
        }

        return received.ToArray();
    }
}
