using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace NetProg.Transport.Tls;

/// <summary>
/// The client side of TLS: the certificate chain is verified as usual (trusted CA, name matches), unless a fingerprint is
/// pinned, in which case exactly that certificate is accepted and nothing else (the way to trust a self-signed server).
/// </summary>
public static class TlsClient
{
    public static async Task<SslStream> AuthenticateAsync(Socket socket, string host, CertificatePin? pin, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string? presented = null;
        SslPolicyErrors errors = SslPolicyErrors.None;
        var refused = false;
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    // SNI and name checks need a name; an address literal is checked against the certificate's IP entries.
                    TargetHost = EndPointText.TryParseAddress(host, out var address) ? address.ToString() : host,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = (_, certificate, _, policyErrors) =>
                    {
                        errors = policyErrors;
                        presented = certificate is X509Certificate2 c ? ServerCertificates.Fingerprint(c) : null;
                        var accepted = pin is null ? policyErrors == SslPolicyErrors.None : pin.Matches(certificate);
                        refused = !accepted;
                        return accepted;
                    },
                },
                deadline.Token).ConfigureAwait(false);
            return ssl;
        }
        // Refusing the certificate makes SslStream abort the handshake; on Windows the SSPI call that sends the alert can
        // itself fail (seen under Wine as Win32Exception 0x80090302, SEC_E_UNSUPPORTED_FUNCTION) instead of the usual
        // AuthenticationException: either way this client refused the certificate, and that is what the user must read.
        catch (Exception e) when (presented is not null && (e is AuthenticationException || (refused && e is System.ComponentModel.Win32Exception)))
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new TlsRefusedException(Reason(pin, errors, presented), presented, e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new TlsRefusedException(string.Format(Strings.Tls_NoHandshake, timeout.TotalSeconds), null, null);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or System.ComponentModel.Win32Exception)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new TlsRefusedException(string.Format(Strings.Tls_HandshakeFailed, e.Message), null, e);
        }
    }

    private static string Reason(CertificatePin? pin, SslPolicyErrors errors, string presented)
    {
        if (pin is not null)
        {
            return string.Format(Strings.Tls_NotPinned, presented, pin);
        }

        var why = errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)
            ? Strings.Tls_UntrustedAuthority
            : errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
                ? Strings.Tls_NameMismatch
                : $"{errors}";
        return string.Format(Strings.Tls_Untrusted, why, presented);
    }
}
