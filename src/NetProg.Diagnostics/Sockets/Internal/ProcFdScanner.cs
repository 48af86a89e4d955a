namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// One pass over every /proc/[pid]/fd/* link reading <c>socket:[inode]</c> (proc(5)), as <c>ss -p</c> does: the kernel
/// has no inode-to-process index, so the pass is O(processes x descriptors). It runs once per table read, only when the
/// table has rows to own, reads the name of a process only when it holds one of them, and walks each fd directory with
/// readdir(3) and readlinkat(2) (no string or FileInfo per descriptor): with 20,000 descriptors open it takes tens of
/// milliseconds, not a second.
/// </summary>
internal static class ProcFdScanner
{
    /// <summary>Scans at most <paramref name="budget"/>; past it, returns what it found, marked incomplete.</summary>
    /// <param name="wanted">The inodes to look for, or null for every socket inode.</param>
    public static ProcessSockets Scan(string procRoot, TimeSpan budget, IReadOnlySet<ulong>? wanted = null)
    {
        var found = new Holders();
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

        var native = Environment.Is64BitProcess && OperatingSystem.IsLinux();
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

            var process = new ProcessFdWalk(processDirectory, pid, wanted, found);
            if (!(native ? process.ScanNative() : process.ScanManaged()))
            {
                complete = false;
            }
        }

        return new ProcessSockets(found.First, complete) { SharedWith = found.Others() };
    }

    /// <summary>The inode in a "socket:[12345]" link target (proc(5)), or null for any other file.</summary>
    public static ulong? SocketInode(ReadOnlySpan<byte> target)
    {
        ReadOnlySpan<byte> prefix = "socket:["u8;
        if (target.Length <= prefix.Length + 1 || !target.StartsWith(prefix) || target[^1] != (byte)']')
        {
            return null;
        }

        ulong inode = 0;
        foreach (var digit in target[prefix.Length..^1])
        {
            if (digit is < (byte)'0' or > (byte)'9' || inode > (ulong.MaxValue - 9) / 10)
            {
                return null;
            }

            inode = (inode * 10) + (ulong)(digit - '0');
        }

        return inode;
    }
}
