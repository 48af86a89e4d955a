using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using NetProg.Accounts;
using NetProg.Cli.Infrastructure;
using NetProg.Services.Hosting;
using NetProg.Services.Login;
using NetProg.Transport;
using NetProg.Transport.Tls;

namespace NetProg.Cli.Commands;

/// <summary>
/// Everything the login echo needs, opened once per server: the account store, the hasher, the throttle and the TLS
/// certificate. Disposing it closes the store.
/// </summary>
internal sealed class LoginServer : IAsyncDisposable
{
    private readonly IAccountStore _store;
    private readonly PasswordHasher _hasher;

    private readonly LoginEchoService _service;

    private LoginServer(IAccountStore store, PasswordHasher hasher, LoginEchoService service, X509Certificate2? certificate, bool certificateCreated)
    {
        _store = store;
        _hasher = hasher;
        _service = service;
        Service = new ServiceDefinition("login", service.HandleConnectionAsync, null);
        Certificate = certificate;
        CertificateCreated = certificateCreated;
    }

    public ServiceDefinition Service { get; }

    public X509Certificate2? Certificate { get; }

    public bool CertificateCreated { get; }

    public string StoreDescription => _store.Description;

    public static async Task<LoginServer> OpenAsync(
        string? db, bool tls, string? certificatePath, string? keyPath, LoginThrottleOptions throttle, LoginEchoOptions echo, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!tls && (certificatePath is not null || keyPath is not null))
        {
            throw new UsageException(Strings.Login_CertWithoutTls);
        }

        if (keyPath is not null && certificatePath is null)
        {
            throw new UsageException(Strings.Login_KeyWithoutCert);
        }

        X509Certificate2? certificate = null;
        var created = false;
        if (tls)
        {
            try
            {
                certificate = certificatePath is null
                    ? ServerCertificates.LoadOrCreateSelfSigned(DataFolders.Root, out created)
                    : ServerCertificates.Load(certificatePath, keyPath);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new UsageException(string.Format(Strings.Login_BadCertificate, certificatePath ?? Path.Combine(DataFolders.Root, ServerCertificates.SelfSignedFileName), Rendering.FileErrorText.Cause(e, certificatePath)));
            }
        }

        var accounts = loggers.CreateLogger("accounts");
        var store = await AccountStores.OpenAsync(
            db, StoreEnvironment.Options(new AccountStoreOptions { Logger = accounts }, line => CliLog.StoreFileExposed(accounts, line)), cancellationToken).ConfigureAwait(false);
        var hasher = new PasswordHasher();
        var service = new LoginEchoService(
            store, hasher, new LoginThrottle(throttle), echo, certificate, TimeProvider.System, loggers.CreateLogger("login"));
        return new LoginServer(store, hasher, service, certificate, created);
    }

    /// <summary>The lines a user needs: where the accounts are, and the fingerprint to pin.</summary>
    public IEnumerable<string> Describe()
    {
        yield return string.Format(Strings.Login_Accounts, StoreDescription);
        if (Certificate is not null)
        {
            var origin = CertificateCreated ? Strings.Login_SelfSigned : string.Empty;
            yield return string.Format(Strings.Login_Fingerprint, ServerCertificates.Fingerprint(Certificate), origin);
        }
    }

    /// <summary>Passwords in clear text are fine on loopback, and nowhere else: say so once.</summary>
    public static bool CrossesNetworkInClear(IEnumerable<IPEndPoint> endPoints, bool tls) =>
        !tls && endPoints.Any(e => !IPAddress.IsLoopback(EndPointText.Normalize(e.Address)));

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync().ConfigureAwait(false); // The login records still queued, before the store closes.
        _hasher.Dispose();
        Certificate?.Dispose();
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
