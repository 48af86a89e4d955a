using System.Security.Cryptography.X509Certificates;
using NetProg.Accounts;
using NetProg.Services.Hosting;
using NetProg.Services.Login;
using NetProg.Transport.InMemory;

namespace NetProg.Services.Tests.Login;

/// <summary>
/// The login echo as the server runs it, minus the CLI: a real SQLite store in a temp folder, a real hasher (cheap
/// parameters unless a test asks otherwise), a throttle, hosted by <see cref="ServiceHost"/> on 127.0.0.1, port 0 — or,
/// <c>inMemory</c>, each client served over an <see cref="InMemoryConnection"/> (the protocol tests: no socket).
/// </summary>
internal sealed class LoginHost : IAsyncDisposable
{
    /// <summary>The smallest valid Argon2id cost: tests that do not measure hashing should not pay for it.</summary>
    public static readonly Argon2Parameters Cheap = new(MemoryKiB: 64, Iterations: 1, Parallelism: 1);

    /// <summary>No throttling in tests that are not about it: every failure is free.</summary>
    public static readonly LoginThrottleOptions Lenient = new() { FreeFailuresPerAccount = 100_000, FreeFailuresPerAddress = 100_000 };

    private readonly RunningHost? _host;
    private readonly LoginEchoService _service;

    private LoginHost(
        TempFolder folder, string databasePath, IAccountStore store, PasswordHasher hasher, RecordingLogger log, LoginEchoService service, RunningHost? host)
    {
        _service = service;
        Folder = folder;
        DatabasePath = databasePath;
        Store = store;
        Hasher = hasher;
        Log = log;
        _host = host;
    }

    public TempFolder Folder { get; }

    public string DatabasePath { get; }

    public IAccountStore Store { get; }

    public PasswordHasher Hasher { get; }

    public RecordingLogger Log { get; }

    public int Port => _host?.Port ?? throw new InvalidOperationException("an in-memory login host has no port");

    public static async Task<LoginHost> StartAsync(
        LoginEchoOptions? options = null,
        LoginThrottleOptions? throttle = null,
        PasswordHasherOptions? hashing = null,
        Func<TempFolder, X509Certificate2>? certificate = null,
        bool inMemory = false)
    {
        var folder = new TempFolder("netprog-login-");
        var path = folder.File("accounts.db");
        var store = await AccountStores.OpenAsync(path).WaitAsync(Waits.Long);
        var hasher = new PasswordHasher(hashing ?? new PasswordHasherOptions { Parameters = Cheap });
        var log = new RecordingLogger();
        var service = new LoginEchoService(
            store,
            hasher,
            new LoginThrottle(throttle ?? Lenient),
            options ?? new LoginEchoOptions(),
            certificate?.Invoke(folder),
            TimeProvider.System,
            log);
        var host = inMemory ? null : RunningHost.Start(new ServiceDefinition("login", service.HandleConnectionAsync, null), ProtocolSelection.Tcp);
        return new LoginHost(folder, path, store, hasher, log, service, host);
    }

    public async Task AddUserAsync(string name, string password) =>
        await Store.AddAsync(name, await Hasher.HashAsync(password)).WaitAsync(Waits.Long);

    /// <summary>Waits until the login records queued so far are in the store (they are written off the connection's path).</summary>
    public Task FlushRecordsAsync() => _service.FlushRecordsAsync().WaitAsync(Waits.Long);

    public Task<LineClient> ConnectAsync()
    {
        if (_host is null)
        {
            return Task.FromResult(LineClient.Over(InMemoryConnection.Start(_service.HandleConnectionAsync)));
        }

        return LineClient.ConnectAsync(Port);
    }

    /// <summary>Connects and reads the banner; returns the client ready for <c>USER</c>.</summary>
    public async Task<LineClient> ConnectPastBannerAsync()
    {
        var client = await ConnectAsync();
        Assert.Equal("220 netprog echo with login ready\r\n", await client.ReadLineAsync());
        return client;
    }

    /// <summary>Connects, logs in and checks each reply on the way.</summary>
    public async Task<LineClient> LogInAsync(string name, string password)
    {
        var client = await ConnectPastBannerAsync();
        await client.SendAsync($"USER {name}\r\n");
        Assert.Equal("331 password required\r\n", await client.ReadLineAsync());
        await client.SendAsync($"PASS {password}\r\n");
        Assert.Equal($"230 welcome {name}\r\n", await client.ReadLineAsync());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }
        finally
        {
            await _service.DisposeAsync();
            await Store.DisposeAsync();
            Hasher.Dispose();
            Folder.Dispose();
        }
    }
}
