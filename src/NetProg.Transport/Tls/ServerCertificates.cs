using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NetProg.Transport.Tls;

/// <summary>
/// Where a TLS server's certificate comes from: a file the user names (PEM with its key, or PKCS#12), or a self-signed one
/// made on first use and kept in netprog's data folder, so that its fingerprint stays the same across restarts and a client
/// can pin it.
/// </summary>
public static class ServerCertificates
{
    /// <summary>File name of the self-signed certificate inside the data folder.</summary>
    public const string SelfSignedFileName = "server-certificate.pfx";

    /// <summary>
    /// Loads <paramref name="certificatePath"/>: a <c>.pfx</c>/<c>.p12</c>, or a PEM certificate whose private key is in
    /// <paramref name="keyPath"/> (or in the same file when null). Throws <see cref="CryptographicException"/> or
    /// <see cref="IOException"/> with the file's name when it cannot be used.
    /// </summary>
    public static X509Certificate2 Load(string certificatePath, string? keyPath)
    {
        var extension = Path.GetExtension(certificatePath).ToLowerInvariant();
        var certificate = extension is ".pfx" or ".p12"
            ? X509CertificateLoader.LoadPkcs12FromFile(certificatePath, null)
            : X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException($"{certificatePath} has no private key; give it with --tls-key");
        }

        return Usable(certificate);
    }

    /// <summary>
    /// The self-signed certificate in <paramref name="dataFolder"/>, made now (ECDSA P-256, for localhost, this machine's
    /// name and its loopback addresses, valid for 5 years) when there is none. <paramref name="created"/> says which.
    /// </summary>
    public static X509Certificate2 LoadOrCreateSelfSigned(string dataFolder, out bool created)
    {
        var path = Path.Combine(dataFolder, SelfSignedFileName);
        if (File.Exists(path))
        {
            created = false;
            return X509CertificateLoader.LoadPkcs12FromFile(path, null);
        }

        Directory.CreateDirectory(dataFolder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=netprog on {Environment.MachineName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(5));
        var pfx = certificate.Export(X509ContentType.Pkcs12);

        // Written to a temporary file and moved into place, so that two servers starting at once never read half a file;
        // readable by the owner only (the private key is in it).
        var temporary = path + $".{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(pfx);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            created = true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another server made one first: use that one.
            File.Delete(temporary);
            created = false;
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, null);
    }

    /// <summary>The SHA-256 fingerprint as users compare it: upper-case hex pairs joined by colons (as openssl prints it).</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(p => new string(p)).Aggregate((a, b) => $"{a}:{b}");

    /// <summary>Through PKCS#12, so that the private key is usable by SslStream on every OS (Windows refuses ephemeral keys).</summary>
    private static X509Certificate2 Usable(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
