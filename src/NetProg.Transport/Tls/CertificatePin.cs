using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NetProg.Transport.Tls;

/// <summary>
/// A SHA-256 certificate fingerprint a client pins (<c>--tls-fingerprint</c>): accepted with or without colons, any case.
/// </summary>
public sealed class CertificatePin
{
    private readonly byte[] _hash;

    private CertificatePin(byte[] hash) => _hash = hash;

    public static bool TryParse(string text, out CertificatePin? pin)
    {
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        pin = null;
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        pin = new CertificatePin(Convert.FromHexString(hex));
        return true;
    }

    /// <summary>True when <paramref name="certificate"/> is exactly the pinned one. Constant time: the hash is not a secret,
    /// but there is no reason to leak how much of it matched.</summary>
    public bool Matches(X509Certificate? certificate) =>
        certificate is not null && CryptographicOperations.FixedTimeEquals(certificate.GetCertHash(HashAlgorithmName.SHA256), _hash);

    public override string ToString() => string.Join(':', _hash.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
