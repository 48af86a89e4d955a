using NetProg.Services.Check;
using NetProg.Services.Check.Local;

namespace NetProg.Integration.Tests.Check;

/// <summary>What the local checks' tests share: the ids they run, a port a program without SO_REUSEADDR can bind, the verdict assertion.</summary>
internal static class LocalCheckRun
{
    /// <summary>reachable and every local check an echo or time server gets, in their order.</summary>
    public static readonly string[] Ids =
        [CheckIds.Reachable, CheckIds.PortByteOrder, CheckIds.ListenAddress, CheckIds.ClosesSocket, CheckIds.FdLeak, CheckIds.BusyLoop, CheckIds.Restart, CheckIds.Crash];

    /// <summary>Checks <paramref name="program"/> started by the checker with <paramref name="arguments"/> (the port among them).</summary>
    public static Task<CheckReport> StartedAsync(CheckKind kind, int port, string program, IReadOnlyList<string> arguments, TimeSpan? timeout = null, IEnumerable<string>? ids = null) =>
        ServerChecker.RunAsync(
            new ServerCheckRequest(kind, "127.0.0.1", port)
            {
                Program = new ProgramCommand(program, arguments),
                Options = new CheckOptions { Only = (ids ?? Ids).ToHashSet(), Timeout = timeout ?? TimeSpan.FromSeconds(5) },
            },
            CancellationToken.None);

    /// <summary>Checks a server that is already running on 127.0.0.1:<paramref name="port"/>.</summary>
    public static Task<CheckReport> RunningAsync(CheckKind kind, int port, IEnumerable<string>? ids = null) =>
        ServerChecker.RunAsync(
            new ServerCheckRequest(kind, "127.0.0.1", port) { Options = new CheckOptions { Only = (ids ?? Ids).ToHashSet() } },
            CancellationToken.None);

    /// <summary>
    /// A port that a bind() without SO_REUSEADDR on 0.0.0.0 gets: not bound, and no TIME_WAIT connection of an earlier
    /// test on it (.NET would set SO_REUSEADDR by default on Unix, which binds over those). With <paramref name="swapped"/>,
    /// also its byte-swapped port is such a port, and not a privileged one.
    /// </summary>
    public static int FreePort(bool swapped = false)
    {
        // Below the kernel's ephemeral range (ip_local_port_range, ip(7)): the kernel hands ports of that range to every
        // client socket and every port-0 server of the tests running beside this one, and one of them took a port picked
        // there before the program under test bound it ("bind: Address already in use", seen in CI). Below it, a port is
        // only ever taken by a test that asks for it by number.
        var low = EphemeralLow();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var found = low > 12_000 ? Random.Shared.Next(10_000, low) : Bind(0) ?? 0;
            if (found is 0 or (>= 29_990 and <= 30_100) || !Free(found))
            {
                continue; // 30000-: the course's and the lab's fixed ports
            }

            if (!swapped || (PortBytes.Swap(found) is var other && other >= 1024 && other != found && Free(other)))
            {
                return found;
            }
        }

        throw new InvalidOperationException("no free port pair found in 200 attempts");
    }

    /// <summary>Free for a program of either kind: a TCP bind without SO_REUSEADDR and a UDP bind, both on 0.0.0.0, at once.</summary>
    private static bool Free(int port)
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            udp.Bind(new IPEndPoint(IPAddress.Any, port));
        }
        catch (SocketException)
        {
            return false;
        }

        return Bind(port) is not null;
    }

    /// <summary>The low end of Linux's ephemeral port range; 0 where it cannot be read (then the kernel picks).</summary>
    private static int EphemeralLow()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return text.Length > 0 && int.TryParse(text[0], CultureInfo.InvariantCulture, out var low) ? low : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Asserts the verdict of every check, in this order, with all the report's lines in the message when one differs.</summary>
    public static void AssertVerdicts(CheckReport report, params (string Id, CheckVerdict Verdict)[] expected)
    {
        var actual = report.Checks.Select(c => (c.Id, c.Verdict)).ToArray();
        if (!actual.SequenceEqual(expected))
        {
            var lines = new StringBuilder();
            foreach (var check in report.Checks)
            {
                lines.Append(CultureInfo.InvariantCulture, $"\n  {check.Verdict} {check.Id}: {check.Observed}");
            }

            Assert.Fail($"expected {string.Join(", ", expected.Select(e => $"{e.Verdict} {e.Id}"))}; got:{lines}");
        }
    }

    /// <summary>Every id of <see cref="Ids"/> with PASS, except those given.</summary>
    public static (string, CheckVerdict)[] PassExcept(params (string Id, CheckVerdict Verdict)[] others) =>
        Ids.Select(id => (id, others.FirstOrDefault(o => o.Id == id) is { Id: not null } other ? other.Verdict : CheckVerdict.Pass)).ToArray();

    public static CheckResult Result(CheckReport report, string id) => report.Checks.Single(c => c.Id == id);

    /// <summary>True while a live (not zombie) process runs <paramref name="path"/>: what the checker must never leave behind.</summary>
    public static bool AnyRunning(string path)
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcStat.Read(pid) is { State: not 'Z' and not 'X' }
                && CommandLine(pid).Contains(path, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{Text(pid)}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static int? Bind(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
