namespace NetProg.Transport.Tls;

/// <summary>The client would not (or could not) set up TLS with the server; the message says why, in one line.</summary>
public sealed class TlsRefusedException(string message, string? presentedFingerprint, Exception? innerException)
    : Exception(message, innerException)
{
    /// <summary>The SHA-256 fingerprint of the certificate the server presented, when it got that far.</summary>
    public string? PresentedFingerprint { get; } = presentedFingerprint;
}
