using System.Security.Cryptography.X509Certificates;
using NetProg.Services.Clients;
using NetProg.Services.Login;
using NetProg.Transport.Tls;

namespace NetProg.Services.Tests.Login;

/// <summary>The login echo over TLS with the self-signed certificate a client pins by fingerprint.</summary>
public sealed class LoginEchoTlsTests
{
    [Fact]
    public async Task Should_log_in_and_echo_over_TLS_When_the_client_pins_the_servers_fingerprint()
    {
        // Given a TLS login echo with a self-signed certificate, and its fingerprint
        X509Certificate2? certificate = null;
        await using var server = await LoginHost.StartAsync(certificate: folder => certificate = ServerCertificates.LoadOrCreateSelfSigned(folder.Path, out _));
        await server.AddUserAsync("alice", "pw");
        var pin = Pin(ServerCertificates.Fingerprint(certificate!));

        // When an interactive session and a streaming client connect with that pin and alice's password
        var options = new EchoConnectOptions(Waits.Deadline, new ClientTls(pin), new LoginCredentials("alice", "pw"));
        await using var session = await EchoSession.OpenAsync("127.0.0.1", server.Port, options, CancellationToken.None).WaitAsync(Waits.Long);
        var echo = await session.ExchangeAsync("over tls\n"u8.ToArray(), CancellationToken.None).WaitAsync(Waits.Long);
        var input = new MemoryStream("first\nsecond\r\n"u8.ToArray());
        var output = new MemoryStream();
        var streamed = await EchoClient.StreamAsync("127.0.0.1", server.Port, input, output, options, CancellationToken.None).WaitAsync(Waits.Long);

        // Then both log in over TLS and get their lines back unchanged
        Assert.True(session.IsTls);
        Assert.Equal("230 welcome alice", session.Welcome);
        Assert.Equal("over tls\n"u8.ToArray(), echo);
        Assert.False(streamed.ServerClosedEarly);
        Assert.Equal("first\nsecond\r\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Should_refuse_the_server_before_sending_the_password_When_the_pin_is_another_certificates()
    {
        // Given a TLS login echo
        await using var server = await LoginHost.StartAsync(certificate: folder => ServerCertificates.LoadOrCreateSelfSigned(folder.Path, out _));
        await server.AddUserAsync("alice", "pw");

        // When a client pins a fingerprint that is not the server's
        var wrongPin = Pin(string.Join(':', Enumerable.Repeat("AB", 32)));
        var options = new EchoConnectOptions(Waits.Deadline, new ClientTls(wrongPin), new LoginCredentials("alice", "pw"));
        var error = await Assert.ThrowsAsync<TlsRefusedException>(
            () => EchoSession.OpenAsync("127.0.0.1", server.Port, options, CancellationToken.None).WaitAsync(Waits.Long));

        // Then the handshake is refused, saying the certificate is not the pinned one, and no login was attempted
        Assert.Contains("not the pinned one", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.PresentedFingerprint);
        Assert.DoesNotContain(server.Log.Messages, m => m.Contains("login failed", StringComparison.Ordinal) || m.Contains("logged in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_send_no_banner_When_a_plaintext_client_connects_to_the_TLS_server()
    {
        // Given a TLS login echo that gives a handshake 500 ms
        await using var server = await LoginHost.StartAsync(
            new LoginEchoOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(500) },
            certificate: folder => ServerCertificates.LoadOrCreateSelfSigned(folder.Path, out _));
        await server.AddUserAsync("alice", "pw");

        // When a plaintext client connects and speaks the protocol in clear
        await using var client = await server.ConnectAsync();
        await client.SendAsync("USER alice\r\nPASS pw\r\n");
        var received = await client.ReadToEndAsync();

        // Then the server closes without ever greeting it in plaintext or logging it in
        Assert.False(Encoding.ASCII.GetString(received).Contains("220 ", StringComparison.Ordinal), $"got: {Convert.ToHexString(received)}");
        Assert.False(Encoding.ASCII.GetString(received).Contains("230 ", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Log.Messages, m => m.Contains("logged in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_send_idle_timeout_over_TLS_and_close_When_a_logged_in_TLS_client_stays_silent()
    {
        // Given a TLS login echo whose sessions may be idle for 300 ms, and alice logged in over TLS
        X509Certificate2? certificate = null;
        await using var server = await LoginHost.StartAsync(
            new LoginEchoOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) },
            certificate: folder => certificate = ServerCertificates.LoadOrCreateSelfSigned(folder.Path, out _));
        await server.AddUserAsync("alice", "pw");
        var tls = new ClientTls(Pin(ServerCertificates.Fingerprint(certificate!)));
        await using var channel = await ClientChannel.ConnectAsync("127.0.0.1", server.Port, tls, Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);
        await LoginClient.LoginAsync(channel, new LoginCredentials("alice", "pw"), Waits.Deadline, CancellationToken.None).WaitAsync(Waits.Long);

        // When the client sends nothing and reads until the server closes
        var received = new List<byte>();
        using var deadline = new CancellationTokenSource(Waits.Long);
        while (true)
        {
            var result = await channel.Reader.ReadAsync(deadline.Token);
            foreach (var segment in result.Buffer)
            {
                received.AddRange(segment.Span);
            }

            channel.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        // Then the 421 idle timeout arrives inside the TLS stream before the close
        Assert.Equal("421 idle timeout\r\n", Encoding.UTF8.GetString([.. received]));
    }

    private static CertificatePin Pin(string fingerprint)
    {
        Assert.True(CertificatePin.TryParse(fingerprint, out var pin));
        return pin!;
    }
}
