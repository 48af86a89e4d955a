using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetProg.Integration.Tests.Login;

/// <summary>
/// A throwaway PostgreSQL server (the approach of NetProg.Accounts.Tests' fixture): initdb into a temp folder, started by
/// pg_ctl on a free loopback port with its socket in that folder and fsync off, stopped and deleted at the end. As root it
/// runs as the <c>postgres</c> user (initdb refuses root). When it cannot be had, the tests that need it fail with one line
/// saying why: never a silent pass.
/// </summary>
public sealed class LoginPostgresServer : IAsyncLifetime
{
    private const string Superuser = "postgres";
    private const string FolderPrefix = "netprog-it-pg-";
    private const string OwnerFile = "owner.pid";
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(60);

    private string? binaries;
    private string? root;
    private bool runAsPostgres;

    /// <summary>Why there is no server, in one line; null when it runs.</summary>
    public string? Unavailable { get; private set; }

    public int Port { get; private set; }

    /// <summary>The connection string <c>--db</c> takes: the superuser on the <c>postgres</c> database, no password (trust).</summary>
    public string ConnectionString
    {
        get
        {
            if (Unavailable is not null)
            {
                throw new InvalidOperationException(Unavailable);
            }

            return $"Host=127.0.0.1;Port={Port};Username={Superuser};Database=postgres";
        }
    }

    private string DataDirectory => Path.Combine(root!, "data");

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
            await PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"]);
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
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

        var (initExit, initOutput) = await PgAsync("initdb", ["-D", DataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        if (initExit != 0)
        {
            throw new InvalidOperationException($"initdb failed ({initExit}): {Tail(initOutput)}");
        }

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

            lastFailure = $"pg_ctl start failed ({exitCode}): {Tail(output)}";
        }

        throw new InvalidOperationException(lastFailure);
    }

    /// <summary>Stops servers whose test process died without disposing this fixture.</summary>
    private async Task ReapAbandonedServersAsync()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
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

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Someone else's to clean, then.
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
            ? LoginProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], ServerTimeout)
            : LoginProcessRunner.RunAsync(path, arguments, ServerTimeout);
    }

    private static async Task RequireAsync(string program, IEnumerable<string> arguments)
    {
        var (exitCode, output) = await LoginProcessRunner.RunAsync(program, arguments, ServerTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({exitCode}): {Tail(output)}");
        }
    }

    private static string Tail(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}
