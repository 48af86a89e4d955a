namespace NetProg.Integration.Tests.Harness;

/// <summary>
/// Runs the real <c>netprog</c> as a separate process (<c>dotnet netprog.dll ...</c>, the build output copied next
/// to the tests), the way a user runs it.
/// </summary>
public static partial class NetProgApp
{
    /// <summary>Generous: the first start of a .NET app on a loaded 2-core CI machine JITs a lot.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "netprog.dll");

    public static ChildProcess Start(IEnumerable<string> arguments, string? stdinFile = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException(
                $"{DllPath} is missing: the test project must reference src/NetProg.Cli so that its build output is copied here.");
        }

        return ChildProcess.Start("dotnet", [DllPath, .. arguments], stdinFile, environment);
    }

    public static ChildProcess Start(params string[] arguments) => Start((IEnumerable<string>)arguments);

    /// <summary>
    /// Starts a server and waits for its <c>listening on</c> lines: one per address (<c>0.0.0.0</c> and <c>[::]</c>
    /// by default, one with <c>--bind</c>) and per protocol (two with <c>--both</c>).
    /// </summary>
    public static Task<NetProgServer> StartServerAsync(params string[] arguments) => WaitForListeningAsync(Start(arguments), arguments);

    /// <summary>
    /// Waits for the <c>listening on</c> lines of a server started with <paramref name="arguments"/> (by this build or another,
    /// such as the Windows build under Wine) and wraps it; disposes the process when they do not come.
    /// </summary>
    public static Task<NetProgServer> WaitForListeningAsync(ChildProcess process, IReadOnlyCollection<string> arguments)
    {
        int addresses = arguments.Contains("--bind") || !Socket.OSSupportsIPv6 ? 1 : 2;
        int protocols = arguments.Contains("--both") ? 2 : 1;
        return WaitForListeningAsync(process, addresses * protocols);
    }

    /// <summary>Waits for <paramref name="count"/> <c>listening on</c> lines and wraps the process; disposes it when they do not come.</summary>
    public static async Task<NetProgServer> WaitForListeningAsync(ChildProcess process, int count)
    {
        try
        {
            IReadOnlyList<Match> lines = await process.WaitForStdoutLinesAsync(ListeningLine(), count, StartTimeout);
            List<ListeningSocket> sockets = [.. lines.Select(m => new ListeningSocket(
                m.Groups["address"].Value,
                int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture),
                m.Groups["protocol"].Value))];
            return new NetProgServer(process, sockets);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary><c>listening on 0.0.0.0:30000/tcp</c>, <c>listening on [::]:30000/udp</c>.</summary>
    [GeneratedRegex(@"^listening on (?<address>\[[0-9A-Fa-f:.%\w]+\]|[0-9.]+):(?<port>\d+)/(?<protocol>tcp|udp)$")]
    public static partial Regex ListeningLine();
}
