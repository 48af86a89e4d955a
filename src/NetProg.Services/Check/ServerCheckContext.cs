using NetProg.Diagnostics.Sockets;

namespace NetProg.Services.Check;

/// <summary>What every server check knows: where the server is, whether it is here, and what the earlier checks found.</summary>
public sealed class ServerCheckContext
{
    private readonly List<CheckResult> _results = [];

    internal ServerCheckContext(ServerCheckRequest request, IPEndPoint endPoint, ISocketTable sockets, TargetProgram? program, int? ownerProcessId)
    {
        Request = request;
        EndPoint = endPoint;
        Sockets = sockets;
        Program = program;
        OwnerProcessId = ownerProcessId;
    }

    public ServerCheckRequest Request { get; }

    public CheckKind Kind => Request.Kind;

    public CheckOptions Options => Request.Options;

    /// <summary>The longest single wait (<see cref="CheckOptions.Timeout"/>).</summary>
    public TimeSpan Timeout => Request.Options.Timeout;

    /// <summary>
    /// Where the checks connect or send: the host as given (resolved) and the port the server was found on, which for a
    /// started program is the one it really listens on (its bytes swapped when it forgot htons()).
    /// </summary>
    public IPEndPoint EndPoint { get; internal set; }

    /// <summary>The port the user expects (PORT, <c>--port</c>, a number in the program's arguments, else 30000).</summary>
    public int ExpectedPort => Request.Port;

    public ISocketTable Sockets { get; }

    /// <summary>The program netprog started, or null for a server that was already running.</summary>
    public TargetProgram? Program { get; }

    /// <summary>For a server already running on this machine: the process that owns its listening socket, when the OS tells.</summary>
    public int? OwnerProcessId { get; internal set; }

    /// <summary>True when the server's process is known here: started by netprog, or found in the socket table.</summary>
    public bool IsLocal => Program is not null || OwnerProcessId is not null;

    /// <summary>True once <see cref="CheckIds.Reachable"/> passed (or warned).</summary>
    public bool Reachable { get; internal set; }

    /// <summary>The checks done so far, in order.</summary>
    public IReadOnlyList<CheckResult> Results => _results;

    /// <summary>The server's processes: the started program's group, or the owner found in the socket table.</summary>
    public IReadOnlyList<int> ProcessIds() =>
        Program is not null ? Program.ProcessIds() : OwnerProcessId is { } pid && IsRunning(pid) ? [pid] : [];

    /// <summary>The sockets of the server's processes, from one snapshot of the table.</summary>
    public IReadOnlyList<SocketEntry> ServerSockets() => ServerSockets(SocketFilter.All);

    /// <summary>The server's sockets that <paramref name="filter"/> matches (the table is asked for those only).</summary>
    public IReadOnlyList<SocketEntry> ServerSockets(SocketFilter filter)
    {
        var ids = ProcessIds().ToHashSet();
        return ids.Count == 0 ? [] : Sockets.Snapshot(filter).Where(s => s.ProcessId is { } pid && ids.Contains(pid)).ToList();
    }

    /// <summary>True while the server is alive as far as this machine can tell (always true for a remote one).</summary>
    public bool ServerAlive() =>
        Program is not null ? !Program.HasExited && !IsZombie(Program.ProcessId) : OwnerProcessId is not { } pid || IsRunning(pid);

    internal void Add(CheckResult result) => _results.Add(result);

    /// <summary>
    /// Dead but not yet reaped (Linux: state Z in /proc/PID/stat). The runtime learns of a child's exit from SIGCHLD a
    /// moment later; in that moment a check that started after the server died would fail on "connection refused"
    /// instead of being skipped for the crash.
    /// </summary>
    private static bool IsZombie(int pid) =>
        OperatingSystem.IsLinux() && Local.ProcStat.Read(pid) is { State: 'Z' or 'X' };

    private static bool IsRunning(int pid)
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
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
