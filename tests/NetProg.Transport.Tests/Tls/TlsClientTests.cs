using NetProg.Transport.Tcp;
using NetProg.Transport.Tls;

namespace NetProg.Transport.Tests.Tls;

/// <summary>A client trusts a self-signed server only by its pinned fingerprint, and refuses anything else with the reason.</summary>
public sealed class TlsClientTests
{
    private static readonly TcpConnectionHandler TlsEcho = async (connection, stopping) =>
    {
        try
        {
            await using var tls = await TlsDuplex.AuthenticateAsServerAsync(connection, TestCertificate.Server, TimeSpan.FromSeconds(5), stopping);
            await tls.Input.CopyToAsync(tls.Output, stopping);
            await tls.Output.CompleteAsync();
        }
        catch (System.Security.Authentication.AuthenticationException)
        {
            // The client refused us: nothing to serve.
        }
    };

    [Fact]
    public async Task Should_connect_when_the_pinned_fingerprint_matches()
    {
        await using var server = RunningTcpServer.Start(TlsEcho);
        using var socket = await Loopback.ConnectAsync(server.EndPoint);
        Assert.True(CertificatePin.TryParse(ServerCertificates.Fingerprint(TestCertificate.Server), out var pin));

        await using var ssl = await TlsClient.AuthenticateAsync(socket, "127.0.0.1", pin, Waits.Deadline, CancellationToken.None);
        await ssl.WriteAsync("hello\n"u8.ToArray());
        var buffer = new byte[6];
        await ssl.ReadExactlyAsync(buffer);

        Assert.Equal("hello\n"u8.ToArray(), buffer);
    }

    [Fact]
    public async Task Should_refuse_a_server_whose_certificate_is_not_the_pinned_one_and_show_its_fingerprint()
    {
        await using var server = RunningTcpServer.Start(TlsEcho);
        using var socket = await Loopback.ConnectAsync(server.EndPoint);
        using var other = TestCertificate.Create();
        Assert.True(CertificatePin.TryParse(ServerCertificates.Fingerprint(other), out var wrong));

        var error = await Assert.ThrowsAsync<TlsRefusedException>(() => TlsClient.AuthenticateAsync(socket, "127.0.0.1", wrong, Waits.Deadline, CancellationToken.None));

        Assert.Contains("not the pinned one", error.Message);
        Assert.Equal(ServerCertificates.Fingerprint(TestCertificate.Server), error.PresentedFingerprint);
    }

    [Fact]
    public async Task Should_refuse_a_self_signed_server_without_a_pin_and_say_how_to_pin_it()
    {
        await using var server = RunningTcpServer.Start(TlsEcho);
        using var socket = await Loopback.ConnectAsync(server.EndPoint);

        var error = await Assert.ThrowsAsync<TlsRefusedException>(() => TlsClient.AuthenticateAsync(socket, "localhost", null, Waits.Deadline, CancellationToken.None));

        Assert.Contains("not trusted", error.Message);
        Assert.Contains($"--tls-fingerprint {ServerCertificates.Fingerprint(TestCertificate.Server)}", error.Message);
    }

    [Fact]
    public async Task Should_say_the_server_speaks_no_tls_when_it_sends_plain_text()
    {
        TcpConnectionHandler plain = async (connection, _) =>
        {
            await connection.Output.WriteAsync("220 plain banner\r\n"u8.ToArray(), CancellationToken.None);
            await connection.Output.CompleteAsync();
        };
        await using var server = RunningTcpServer.Start(plain);
        using var socket = await Loopback.ConnectAsync(server.EndPoint);

        var error = await Assert.ThrowsAsync<TlsRefusedException>(() => TlsClient.AuthenticateAsync(socket, "127.0.0.1", null, Waits.Deadline, CancellationToken.None));

        Assert.Contains("--tls", error.Message);
    }
}
