using Npgsql;

namespace NetProg.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL server for the whole test run: initdb into a temp folder, started by pg_ctl on a
/// free loopback port with its socket in that folder and fsync off, stopped and deleted at the end. As root it runs as the
/// <c>postgres</c> user (initdb refuses root); otherwise as the current user. Every test gets a database of its own.
/// When the server cannot be had, tests that need it fail with one line saying what to install: never a silent pass.
/// Compiled into each test project that needs it (tests/Shared), rather than copied.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>initdb, pg_ctl start and stop each get this long on a loaded 2-core machine.</summary>
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(60);

    private const string Superuser = "postgres";
    private const string FolderPrefix = "netprog-pg-";

    /// <summary>The test process that started the server in this folder; see <see cref="ReapAbandonedServersAsync"/>.</summary>
    private const string OwnerFile = "owner.pid";

    private string? binaries;
    private string? root;
    private bool runAsPostgres;
    private int databases;

    /// <summary>Why there is no server, in one line; null when it runs.</summary>
    public string? Unavailable { get; private set; }

    public int Port { get; private set; }

    /// <summary>The cluster's folder (data, socket, log): tests scan it for plaintext.</summary>
    public string DataDirectory => Path.Combine(root ?? throw new InvalidOperationException(Unavailable ?? "the PostgreSQL server is not running"), "data");

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            Unavailable = $"the throwaway PostgreSQL server did not start: {e.Message}";
        }
    }

    public async Task DisposeAsync()
    {
        if (root is null)
        {
            return;
        }

        if (Unavailable is null)
        {
            // Immediate: the data is thrown away anyway, so there is nothing to flush.
            await PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"]);
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner; a stop failure is not a test failure.
        }
    }

    /// <summary>A connection string for the superuser on <paramref name="database"/>.</summary>
    public string ConnectionString(string database)
    {
        ThrowIfUnavailable();
        return $"Host=127.0.0.1;Port={Port};Username={Superuser};Database={database};Pooling=false;Timeout=5";
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"netprog_test_{Interlocked.Increment(ref databases)}";
        var server = ConnectionString("postgres");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>
    /// Stops the server the way a crash or a power cut would (<c>-m immediate</c>: no checkpoint, clients cut off) and starts
    /// it again with the same options, waiting until it accepts connections.
    /// </summary>
    public async Task CrashAndRestartAsync()
    {
        ThrowIfUnavailable();
        // -l again: without it the new postmaster would inherit pg_ctl's stdout, and reading that pipe would never end.
        await RequirePgAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(root!, "server.log"), "-m", "immediate", "-w", "-t", "30", "restart"]);
    }

    private async Task StartAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("the PostgreSQL tests start a server from Debian's packages and run on Linux only");
        }

        binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install it with `apt-get install postgresql`");

        runAsPostgres = Environment.IsPrivilegedProcess;
        if (runAsPostgres && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            throw new InvalidOperationException("runuser (util-linux) is missing: as root the server must run as the postgres user");
        }

        await ReapAbandonedServersAsync();
        root = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (runAsPostgres)
        {
            await RequireAsync("/bin/chown", ["postgres:postgres", root]);
        }

        await RequirePgAsync("initdb", ["-D", DataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);

        // The free port is found by binding port 0 and letting go, so another program can take it in between: try again then.
        string? lastFailure = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Port = FreePort();
            var (exitCode, output) = await PgAsync(
                "pg_ctl",
                ["-D", DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "30",
                 "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {root} -c fsync=off -c full_page_writes=off", "start"]);
            if (exitCode == 0)
            {
                return;
            }

            lastFailure = $"pg_ctl start failed ({exitCode}): {Tail(output)} {Tail(ReadLog())}";
        }

        throw new InvalidOperationException(lastFailure);
    }

    /// <summary>
    /// Stops servers whose test process died without disposing its fixture (killed by --blame-hang-timeout, a crash):
    /// PostgreSQL does not notice its starter is gone, so without this each such run would leave a server behind.
    /// </summary>
    private async Task ReapAbandonedServersAsync()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                var owner = Path.Combine(folder, OwnerFile);
                if (!File.Exists(owner) ||
                    !int.TryParse(await File.ReadAllTextAsync(owner), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ||
                    IsAlive(pid))
                {
                    continue;
                }

                if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
                {
                    await PgAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "-t", "30", "stop"]);
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's folder, or one being removed right now: not ours to clean.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? FindBinaries()
    {
        const string installed = "/usr/lib/postgresql";
        if (!Directory.Exists(installed))
        {
            return null;
        }

        // The newest major version, if several are installed.
        return Directory.GetDirectories(installed)
            .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(candidate => File.Exists(Path.Combine(candidate.Folder, "bin", "initdb")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Folder, "bin"))
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private Task<(int ExitCode, string Output)> PgAsync(string program, IEnumerable<string> arguments)
    {
        var path = Path.Combine(binaries!, program);
        return runAsPostgres
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], ServerTimeout)
            : ProcessRunner.RunAsync(path, arguments, ServerTimeout);
    }

    private async Task RequirePgAsync(string program, IEnumerable<string> arguments)
    {
        var (exitCode, output) = await PgAsync(program, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({exitCode}): {Tail(output)}");
        }
    }

    private static async Task RequireAsync(string program, IEnumerable<string> arguments)
    {
        var (exitCode, output) = await ProcessRunner.RunAsync(program, arguments, ServerTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({exitCode}): {Tail(output)}");
        }
    }

    private string ReadLog()
    {
        var log = Path.Combine(root!, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    private static string Tail(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));

    private void ThrowIfUnavailable()
    {
        if (Unavailable is not null)
        {
            throw new InvalidOperationException(Unavailable);
        }
    }
}
