using NetProg.Transport.Tls;

namespace NetProg.Services.Clients;

/// <summary>Use TLS; with <see cref="Pin"/>, accept exactly that certificate instead of verifying the chain.</summary>
public sealed record ClientTls(CertificatePin? Pin);
