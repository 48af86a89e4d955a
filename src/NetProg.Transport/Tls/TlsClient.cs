using System.Net.Security;
using System.Net.Sockets;
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
                        return pin is null ? policyErrors == SslPolicyErrors.None : pin.Matches(certificate);
                    },
                },
                deadline.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (AuthenticationException e) when (presented is not null)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new TlsRefusedException(Reason(pin, errors, presented), presented, e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new TlsRefusedException($"no TLS handshake within {timeout.TotalSeconds:0.###} s: is the server started with --tls?", null, null);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new TlsRefusedException($"the TLS handshake failed: is the server started with --tls? ({e.Message})", null, e);
        }
    }

    private static string Reason(CertificatePin? pin, SslPolicyErrors errors, string presented)
    {
        if (pin is not null)
        {
            return $"the server's certificate is not the pinned one: it has fingerprint {presented}, --tls-fingerprint says {pin}. Refusing to send anything.";
        }

        var why = errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)
            ? "it is not signed by an authority this machine trusts (a self-signed certificate?)"
            : errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
                ? "it was issued for another name"
                : $"{errors}";
        return $"the server's certificate is not trusted: {why}. If you trust this server, pin its certificate: --tls-fingerprint {presented}";
    }
}
