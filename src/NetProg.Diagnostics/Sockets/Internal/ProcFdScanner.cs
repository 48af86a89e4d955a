using System.Diagnostics;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// One pass over every /proc/[pid]/fd/* link reading <c>socket:[inode]</c> (proc(5)), as <c>ss -p</c> does: the
/// kernel has no inode-to-process index. <see cref="Diagnostics.Internal.LinuxPortOwnerLookup"/> does the same
/// for a few inodes of one port; this one maps all of them at once for a whole table.
/// </summary>
internal static class ProcFdScanner
{
    /// <summary>Scans at most <paramref name="budget"/>; past it, returns what it found, marked incomplete.</summary>
    public static ProcessSockets Scan(string procRoot, TimeSpan budget)
    {
        var owners = new Dictionary<ulong, PortOwner>();
        var complete = true;
        var clock = Stopwatch.StartNew();
        IEnumerable<string> processDirectories;
        try
        {
            processDirectories = Directory.EnumerateDirectories(procRoot);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return ProcessSockets.None;
        }

        foreach (var processDirectory in processDirectories)
        {
            if (clock.Elapsed > budget)
            {
                complete = false;
                break;
            }

            if (!int.TryParse(Path.GetFileName(processDirectory), out var pid))
            {
                continue;
            }

            if (!TryAddSockets(processDirectory, pid, owners))
            {
                complete = false;
            }
        }

        return new ProcessSockets(owners, complete);
    }

    private static bool TryAddSockets(string processDirectory, int pid, Dictionary<ulong, PortOwner> owners)
    {
        PortOwner? owner = null;
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(processDirectory, "fd")))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null
                    && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && target.EndsWith(']')
                    && ulong.TryParse(target.AsSpan(8, target.Length - 9), out var inode))
                {
                    owner ??= new PortOwner(pid, ProcessNames.Read(processDirectory));

                    // A socket shared across fork() has several holders; show the first (lowest pid in /proc order), as ss
                    // would list users=(...) but one column has room for one.
                    owners.TryAdd(inode, owner);
                }
            }

            return true;
        }
        catch (DirectoryNotFoundException)
        {
            // It exited during the scan: nothing hidden, it simply has no sockets any more.
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // As non-root, other users' fd directories give EACCES (and hidepid=2 hides them): owner unknown, not an error.
            return false;
        }
    }
}
