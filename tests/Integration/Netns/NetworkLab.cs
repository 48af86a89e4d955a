using System.Diagnostics;

namespace NetProg.Integration.Tests.Netns;

/// <summary>
/// Test hosts as Linux network namespaces joined by veth pairs, built by the test and torn down in Dispose: a client and a
/// server on one subnet, and behind them a router namespace that NATs a second, private subnet. Every address is private
/// to these namespaces; nothing leaves the machine. Needs root, iproute2 and nftables.
/// </summary>
internal sealed class NetworkLab : IDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly string _prefix = $"np{Environment.ProcessId % 100000}{Random.Shared.Next(100, 999)}";

    private NetworkLab()
    {
    }

    public string Client => $"{_prefix}c";

    public string Server => $"{_prefix}s";

    public string Router => $"{_prefix}r";

    public string Private => $"{_prefix}p";

    /// <summary>Client 10.77.1.2 — server 10.77.1.3 on one subnet; client — router 10.77.2.1 (its "public" side) — private server 10.77.3.2 behind NAT.</summary>
    public const string ServerAddress = "10.77.1.3";

    public const string RouterPublicAddress = "10.77.2.1";

    public const string PrivateServerAddress = "10.77.3.2";

    /// <summary>Why the lab cannot be built here, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are Linux only";
        }

        if (Environment.UserName != "root")
        {
            return "network namespaces need root (CI runs as root)";
        }

        if (ExecutableSearch.Find("ip") is null || ExecutableSearch.Find("nft") is null)
        {
            return "needs iproute2 and nftables (apt-get install iproute2 nftables)";
        }

        return null;
    }

    public static NetworkLab Create()
    {
        var lab = new NetworkLab();
        try
        {
            lab.Build();
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command inside a namespace and waits for it; throws with its output when it fails.</summary>
    public void Exec(string ns, params string[] command) => Run("ip", ["netns", "exec", ns, .. command]);

    /// <summary>Adds nftables rules in a namespace (one `nft -f` script).</summary>
    public void Nft(string ns, string script)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{_prefix}-{Guid.NewGuid():N}.nft");
        File.WriteAllText(file, script);
        try
        {
            Exec(ns, "nft", "-f", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Starts netprog inside a namespace (`ip netns exec` execs, so the process is netprog itself).</summary>
    public ChildProcess StartNetProg(string ns, params string[] arguments) =>
        ChildProcess.Start("ip", ["netns", "exec", ns, "dotnet", NetProgApp.DllPath, .. arguments]);

    public void Dispose()
    {
        foreach (var ns in _namespaces)
        {
            // Deleting a namespace removes its veth ends, and with them their peers.
            TryRun("ip", ["netns", "del", ns]);
        }
    }

    private void Build()
    {
        foreach (var ns in new[] { Client, Server, Router, Private })
        {
            Run("ip", ["netns", "add", ns]);
            _namespaces.Add(ns);
            Exec(ns, "ip", "link", "set", "lo", "up");
        }

        // client <-> server: one subnet, 10.77.1.0/24.
        Link(Client, "10.77.1.2/24", Server, "10.77.1.3/24", "a");
        // client <-> router: the "Internet" side, 10.77.2.0/24; router <-> private server: the home LAN, 10.77.3.0/24.
        Link(Client, "10.77.2.2/24", Router, "10.77.2.1/24", "b");
        Link(Router, "10.77.3.1/24", Private, "10.77.3.2/24", "c");
        Exec(Private, "ip", "route", "add", "default", "via", "10.77.3.1");
        Exec(Router, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        // The router masquerades the home LAN like a home router; no port is forwarded yet.
        Nft(Router, """
            table ip nat {
                chain prerouting { type nat hook prerouting priority dstnat; }
                chain postrouting { type nat hook postrouting priority srcnat; oifname "rb1" masquerade; }
            }
            """);
    }

    private void Link(string left, string leftAddress, string right, string rightAddress, string tag)
    {
        // veth names are at most 15 characters and live in the root namespace first.
        var l = $"{_prefix}{tag}0";
        var r = $"{_prefix}{tag}1";
        Run("ip", ["link", "add", l, "type", "veth", "peer", "name", r]);
        Run("ip", ["link", "set", l, "netns", left]);
        Run("ip", ["link", "set", r, "netns", right]);
        Exec(left, "ip", "link", "set", l, "name", $"{tag}0");
        Exec(right, "ip", "link", "set", r, "name", $"r{tag}1");
        Exec(left, "ip", "addr", "add", leftAddress, "dev", $"{tag}0");
        Exec(right, "ip", "addr", "add", rightAddress, "dev", $"r{tag}1");
        Exec(left, "ip", "link", "set", $"{tag}0", "up");
        Exec(right, "ip", "link", "set", $"r{tag}1", "up");
    }

    private static void Run(string file, IReadOnlyList<string> arguments)
    {
        var (code, output) = TryRun(file, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({code}): {output}");
        }
    }

    private static (int Code, string Output) TryRun(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
