using System.Diagnostics;

namespace NetProg.Diagnostics.Internal;

/// <summary>
/// Linux: socket inodes from /proc/net/*, then every /proc/[pid]/fd/* link reading <c>socket:[inode]</c>.
/// This is what <c>ss -p</c> and <c>lsof</c> do; there is no reverse index in the kernel, so the scan is
/// O(processes x descriptors) (the .NET prototype in dotnet/runtime#63099 found it "100+ times" slower than Windows).
/// </summary>
internal sealed class LinuxPortOwnerLookup : IPortOwnerLookup
{
    // Leaves headroom under the 2 s promised by IPortOwnerLookup on a machine with many processes;
    // past it we return the owners found so far instead of making the caller wait.
    private static readonly TimeSpan ScanBudget = TimeSpan.FromMilliseconds(1500);

    private readonly string _procRoot;

    public LinuxPortOwnerLookup(string procRoot = "/proc") => _procRoot = procRoot;

    public IReadOnlyList<PortOwner> FindOwners(PortProtocol protocol, int port)
    {
        if (port is < 1 or > 65535)
        {
            return [];
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var inodes = FindInodes(protocol, port);
            return inodes.Count == 0 ? [] : FindProcesses(inodes, clock);
        }
        catch (Exception)
        {
            // IPortOwnerLookup never throws: /proc may be missing (a chroot) or restricted (hidepid=2).
            return [];
        }
    }

    private HashSet<ulong> FindInodes(PortProtocol protocol, int port)
    {
        // The tables show only this network namespace: a process in another container is invisible, as in ss(8).
        string[] files = protocol == PortProtocol.Tcp ? ["tcp", "tcp6"] : ["udp", "udp6"];
        var inodes = new HashSet<ulong>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(_procRoot, "net", file));
            }
            catch (IOException)
            {
                // tcp6/udp6 are absent when the kernel runs with ipv6.disable=1.
                continue;
            }

            inodes.UnionWith(ProcNetParser.ParseInodes(text, port, listeningOnly: protocol == PortProtocol.Tcp));
        }

        return inodes;
    }

    private List<PortOwner> FindProcesses(HashSet<ulong> inodes, Stopwatch clock)
    {
        var owners = new List<PortOwner>();
        foreach (var processDirectory in Directory.EnumerateDirectories(_procRoot))
        {
            if (clock.Elapsed > ScanBudget)
            {
                break;
            }

            if (!int.TryParse(Path.GetFileName(processDirectory), out var pid))
            {
                continue;
            }

            // A socket shared across fork() or passed over a Unix socket has several owners, so keep scanning.
            if (HoldsAnyInode(processDirectory, inodes))
            {
                owners.Add(new PortOwner(pid, Sockets.Internal.ProcessNames.Read(processDirectory)));
            }
        }

        owners.Sort((a, b) => a.ProcessId.CompareTo(b.ProcessId));
        return owners;
    }

    private static bool HoldsAnyInode(string processDirectory, HashSet<ulong> inodes)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(processDirectory, "fd")))
            {
                // readlink(2) on /proc/[pid]/fd/N gives "socket:[12345]" for sockets (proc(5)).
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null
                    && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && target.EndsWith(']')
                    && ulong.TryParse(target.AsSpan(8, target.Length - 9), out var inode)
                    && inodes.Contains(inode))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // As non-root, other users' fd directories give EACCES: their owner is unknown, not an error
            // (psutil's advice, giampaolo/psutil#1219). A process that exited mid-scan gives ENOENT.
        }

        return false;
    }
}
