using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NetProg.Transport.Tls;

namespace NetProg.Transport.Tests.Tls;

public sealed class ServerCertificatesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netprog-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Should_create_a_self_signed_certificate_once_and_keep_its_fingerprint()
    {
        // Given an empty data folder
        // When a server asks for its certificate twice (two runs)
        using var first = ServerCertificates.LoadOrCreateSelfSigned(_folder, out var createdFirst);
        using var second = ServerCertificates.LoadOrCreateSelfSigned(_folder, out var createdSecond);

        // Then it is made once, usable for TLS, and the same both times
        Assert.True(createdFirst);
        Assert.False(createdSecond);
        Assert.True(second.HasPrivateKey);
        Assert.Equal(ServerCertificates.Fingerprint(first), ServerCertificates.Fingerprint(second));
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", ServerCertificates.Fingerprint(first));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, ServerCertificates.SelfSignedFileName)));
        }
    }

    [Fact]
    public void Should_load_a_pem_certificate_with_its_key_file()
    {
        // Given a PEM certificate and key written as openssl would
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var made = new CertificateRequest("CN=pem.test", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(_folder, "server.crt");
        var keyPath = Path.Combine(_folder, "server.key");
        File.WriteAllText(certPath, made.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());

        // When it is loaded
        using var loaded = ServerCertificates.Load(certPath, keyPath);

        // Then it is the same certificate, with its private key
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(made.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void Should_refuse_a_certificate_without_a_private_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var made = new CertificateRequest("CN=nokey.test", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(_folder, "only.pfx");
        File.WriteAllBytes(certPath, made.Export(X509ContentType.Cert));

        Assert.ThrowsAny<CryptographicException>(() => ServerCertificates.Load(certPath, null));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Should_pin_by_sha256_fingerprint_with_or_without_colons(bool colons)
    {
        using var certificate = ServerCertificates.LoadOrCreateSelfSigned(_folder, out _);
        var text = ServerCertificates.Fingerprint(certificate);
        if (!colons)
        {
            text = text.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        }

        Assert.True(CertificatePin.TryParse(text, out var pin));
        Assert.True(pin!.Matches(certificate));
        using var other = TestCertificate.Create();
        Assert.False(pin.Matches(other));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AB:CD")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void Should_reject_a_malformed_fingerprint(string text) => Assert.False(CertificatePin.TryParse(text, out _));
}
