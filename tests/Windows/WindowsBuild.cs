using System.Diagnostics;

namespace NetProg.Windows.Tests;

/// <summary>
/// The Windows build of netprog (win-x64, self-contained) run under Wine: published once for the whole suite into a temporary
/// folder (or taken from the folder NETPROG_WIN_BUILD names, so a developer can skip the publish), with a Wine prefix of its
/// own in a temporary folder and one persistent wineserver for it, so that each start of netprog.exe costs a process, not a
/// Wine boot. Where Wine or the win-x64 runtime pack is missing, <see cref="Unavailable"/> says why and the tests return;
/// in CI (root on Debian, where test.sh installs wine64) a missing piece is an error instead.
/// </summary>
public sealed class WindowsBuild : IAsyncLifetime
{
    // Under test.sh's --blame-hang-timeout (5 min), which also covers this fixture: a slow publish fails with its own message.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(2);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "netprog-windows-" + Guid.NewGuid().ToString("N"));
    private ChildProcess? _wineserver;
    private string? _wine;
    private string? _wineserverPath;
    private string? _error;
    private string? _serverFolder;

    /// <summary>Why the Windows tests cannot run here (they print it and return), or null.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The folder holding netprog.exe.</summary>
    public string Folder { get; private set; } = string.Empty;

    public string Prefix => Path.Combine(_root, "prefix");

    /// <summary>Only root on Debian is CI here: there test.sh has installed wine64, and its absence is a failure.</summary>
    private static bool MustRun => Environment.UserName == "root" && File.Exists("/etc/debian_version");

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            Unavailable = "the Windows build runs under Wine, on Linux only";
            return;
        }

        _wine = new[] { "/usr/lib/wine/wine64", "/usr/lib/x86_64-linux-gnu/wine/wine64" }.FirstOrDefault(File.Exists)
            ?? ExecutableSearch.Find("wine64");
        _wineserverPath = new[] { "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver" }.FirstOrDefault(File.Exists)
            ?? ExecutableSearch.Find("wineserver");
        if (_wine is null || _wineserverPath is null)
        {
            Fail("Wine (64-bit) is not installed: no /usr/lib/wine/wine64 or wineserver; install it (Debian/Ubuntu: apt-get install wine64)");
            return;
        }

        Directory.CreateDirectory(Prefix);
        Task<string?> publish = PublishAsync();
        Task<string?> boot = BootAsync();
        string?[] errors = await Task.WhenAll(publish, boot);
        if (_error is null && errors.FirstOrDefault(e => e is not null) is { } error)
        {
            _error = error;
        }
    }

    public async Task DisposeAsync()
    {
        if (_wineserver is not null && _wineserverPath is not null)
        {
            // wineserver -k ends every Wine process of this prefix and the server itself; then wait for that server by its pid.
            using (ChildProcess kill = ChildProcess.Start(_wineserverPath, ["-k"], environment: WineEnvironment()))
            {
                await kill.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }

            try
            {
                await _wineserver.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // Dispose kills it.
            }

            _wineserver.Dispose();
        }

        Delete(_root);
        if (_serverFolder is not null)
        {
            // The wineserver leaves its (empty) socket folder behind, and Debian's build its random parent too.
            Delete(_serverFolder);
            string? parent = Path.GetDirectoryName(_serverFolder);
            if (parent is not null && Path.GetFileName(parent).StartsWith("wine-", StringComparison.Ordinal) &&
                Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
            {
                Delete(parent);
            }
        }
    }

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Throws the set-up error, if the suite must run but could not be prepared.</summary>
    public void ThrowIfBroken()
    {
        if (_error is not null)
        {
            throw new InvalidOperationException(_error);
        }
    }

    /// <summary>
    /// True when this suite cannot run here (no Wine, no Windows build), after saying why on <paramref name="output"/>: xunit 2
    /// has no runtime skip, so each test returns early. Throws instead when the suite must run but could not be prepared.
    /// </summary>
    public bool Skip(ITestOutputHelper output)
    {
        ThrowIfBroken();
        if (Unavailable is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return true;
        }

        return false;
    }

    /// <summary>The environment of every Wine process of this suite.</summary>
    public Dictionary<string, string> WineEnvironment(string? language = null) => new()
    {
        ["WINEPREFIX"] = Prefix,
        ["WINEDEBUG"] = "-all",
        // No Gecko (mshtml) install dialog. mscoree must stay: Wine loads every .NET assembly image through it, so
        // "mscoree=" makes coreclr fail with "Could not load file or assembly System.Runtime.dll. Module not found".
        ["WINEDLLOVERRIDES"] = "mshtml=",
        // Headless: an empty DISPLAY, so that no Wine window (a dialog, the systray) opens.
        ["DISPLAY"] = string.Empty,
        // .NET's W^X (code pages mapped twice, writable and executable) under Wine 8 crashes the runtime a few seconds into a
        // server's life: "Internal CLR error. (0x80131506) at DynamicResolver+DestroyScout.Finalize()", reproducibly at the
        // third login session. Real Windows keeps W^X on (the default since .NET 7); docs/INSTALL.md lists it to check there.
        ["DOTNET_EnableWriteXorExecute"] = "0",
        ["NETPROG_LANG"] = language ?? "en",
    };

    /// <summary>Starts <c>netprog.exe ARGS</c> under Wine.</summary>
    public ChildProcess Start(
        IEnumerable<string> arguments, string? language = null, string? stdinFile = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        ThrowIfBroken();
        Dictionary<string, string> variables = WineEnvironment(language);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return ChildProcess.Start(_wine!, [Path.Combine(Folder, "netprog.exe"), .. arguments], stdinFile, variables);
    }

    /// <summary>A Linux path as the Windows build names it: Wine maps the whole file system to drive Z:.</summary>
    public static string WindowsPath(string linuxPath) => "Z:" + linuxPath.Replace('/', '\\');

    public ChildProcess Start(params string[] arguments) => Start((IEnumerable<string>)arguments);

    /// <summary>Starts a Windows server and waits for all its <c>listening on</c> lines (as NetProgApp does for Linux).</summary>
    public Task<NetProgServer> StartServerAsync(params string[] arguments) => NetProgApp.WaitForListeningAsync(Start(arguments), arguments);

    private void Fail(string reason)
    {
        if (MustRun)
        {
            _error = reason;
        }
        else
        {
            Unavailable = reason;
        }
    }

    private async Task<string?> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable("NETPROG_WIN_BUILD") is { Length: > 0 } given)
        {
            Folder = given;
            return File.Exists(Path.Combine(given, "netprog.exe"))
                ? null
                : $"NETPROG_WIN_BUILD={given} holds no netprog.exe (publish it with dotnet publish src/NetProg.Cli -r win-x64 --self-contained)";
        }

        string? repository = FindRepository();
        if (repository is null)
        {
            return $"no netprog.slnx above {AppContext.BaseDirectory}: the Windows tests publish src/NetProg.Cli from the repository";
        }

        Folder = Path.Combine(_root, "publish");
        // --artifacts-path: obj/ and bin/ of this publish live in the temporary folder, so a win-x64 restore never rewrites the
        // project.assets.json that the other test projects' builds use.
        (int code, string output) = await ProcessRunner.RunAsync(
            "dotnet",
            ["publish", Path.Combine(repository, "src", "NetProg.Cli", "NetProg.Cli.csproj"), "-c", "Release", "-r", "win-x64",
             "--self-contained", "-p:PublishSingleFile=false", "-p:PublishTrimmed=false", "-p:PublishReadyToRun=false",
             "--artifacts-path", Path.Combine(_root, "artifacts"), "-o", Folder, "--nologo", "-v", "q", "-nodeReuse:false"],
            PublishTimeout);
        if (code == 0 && File.Exists(Path.Combine(Folder, "netprog.exe")))
        {
            return null;
        }

        string tail = string.Join('\n', output.Split('\n').TakeLast(15));
        if (output.Contains("runtime.win-x64", StringComparison.OrdinalIgnoreCase) || output.Contains("NETSDK1112", StringComparison.Ordinal))
        {
            Fail("the win-x64 runtime pack (Microsoft.NETCore.App.Runtime.win-x64) could not be restored, so no Windows build:\n" + tail);
            return null;
        }

        return $"dotnet publish -r win-x64 failed (exit code {code}):\n{tail}";
    }

    private async Task<string?> BootAsync()
    {
        // A persistent wineserver (-p) in the foreground (-f): it stays between netprog.exe runs, and its pid is ours to wait on.
        _wineserver = ChildProcess.Start(_wineserverPath!, ["-f", "-p"], environment: WineEnvironment());
        if (await WaitForServerSocketAsync() is { } notListening)
        {
            return notListening;
        }

        // The first process creates the prefix (C:\windows and the registry, several seconds). wineboot starts Wine's
        // services (services.exe, explorer.exe), which live as long as the wineserver and inherit wineboot's stdout and
        // stderr: those go to a file, as pipes they would never reach end of file.
        string log = Path.Combine(_root, "wineboot.log");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (string argument in (string[])["-c", "exec \"$0\" wineboot --init </dev/null >\"$1\" 2>&1", _wine!, log])
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in WineEnvironment())
        {
            start.Environment[name] = value;
        }

        using Process boot = Process.Start(start) ?? throw new InvalidOperationException("could not start wineboot");
        using var deadline = new CancellationTokenSource(BootTimeout);
        try
        {
            await boot.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            boot.Kill(entireProcessTree: true);
            return $"creating the Wine prefix took longer than {BootTimeout.TotalSeconds} s (wineboot --init):\n{File.ReadAllText(log)}";
        }

        return boot.ExitCode == 0 ? null : $"creating the Wine prefix failed: wineboot --init exit code {boot.ExitCode}\n{File.ReadAllText(log)}";
    }

    /// <summary>
    /// Waits until the wineserver listens, or wineboot would start a second one of its own. The server chdirs into its
    /// socket's folder (/tmp/.wine-UID/server-DEV-INODE upstream, /tmp/wine-XXXXXX/server-DEV-INODE in Debian's build,
    /// which names the random part in PREFIX/wineserver), so its /proc cwd is that folder whichever build it is.
    /// </summary>
    private async Task<string?> WaitForServerSocketAsync()
    {
        string socket = $"/proc/{_wineserver!.Id}/cwd/socket";
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!File.Exists(socket))
        {
            if (_wineserver.HasExited || deadline.IsCancellationRequested)
            {
                return $"wineserver did not open its socket within 20 s\n{_wineserver.Describe()}";
            }

            await Task.Delay(50, CancellationToken.None);
        }

        _serverFolder = new DirectoryInfo($"/proc/{_wineserver.Id}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName;
        return null;
    }

    private static string? FindRepository()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "netprog.slnx")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
