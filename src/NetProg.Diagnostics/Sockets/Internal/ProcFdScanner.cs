using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

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
    private const int EACCES = 13;

    /// <summary>Scans at most <paramref name="budget"/>; past it, returns what it found, marked incomplete.</summary>
    /// <param name="wanted">The inodes to look for, or null for every socket inode.</param>
    public static ProcessSockets Scan(string procRoot, TimeSpan budget, IReadOnlySet<ulong>? wanted = null)
    {
        var found = new Dictionary<ulong, List<PortOwner>>();
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

            var process = new ProcessOwner(processDirectory, pid, wanted, found);
            if (!(native ? process.ScanNative() : process.ScanManaged()))
            {
                complete = false;
            }
        }

        return ProcessSockets.From(found, complete);
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

    /// <summary>One process of the scan: its sockets among the wanted ones, its name read the first time one is found.</summary>
    private sealed class ProcessOwner(string directory, int pid, IReadOnlySet<ulong>? wanted, Dictionary<ulong, List<PortOwner>> found)
    {
        private PortOwner? _owner;
        private int _held;

        // A port lookup wants one or two listeners: once this process holds all of them, the rest of its descriptors
        // (a server's thousands of accepted connections) cannot change the answer.
        private bool HoldsAllWanted => wanted is not null && _held == wanted.Count;

        public unsafe bool ScanNative()
        {
            var path = Encoding.UTF8.GetBytes(Path.Combine(directory, "fd") + "\0");
            nint dir;
            fixed (byte* p = path)
            {
                dir = LinuxNative.opendir(p);
            }

            if (dir == 0)
            {
                // As non-root, other users' fd directories give EACCES (and hidepid=2 hides them): owner unknown, not an
                // error. ENOENT: it exited during the scan, so it simply has no sockets any more.
                return Marshal.GetLastPInvokeError() != EACCES;
            }

            try
            {
                var fd = LinuxNative.dirfd(dir);
                var target = stackalloc byte[64];
                byte* entry;
                while ((entry = LinuxNative.readdir(dir)) != null)
                {
                    var name = entry + LinuxNative.DirentNameOffset;
                    if (name[0] == (byte)'.')
                    {
                        continue;
                    }

                    // "socket:[" + at most 20 digits + "]" fits in 64 bytes; a longer target (a file path) is not a socket.
                    var length = LinuxNative.readlinkat(fd, name, target, 64);
                    if (length > 0 && SocketInode(new ReadOnlySpan<byte>(target, (int)length)) is { } inode)
                    {
                        Add(inode);
                        if (HoldsAllWanted)
                        {
                            break;
                        }
                    }
                }
            }
            finally
            {
                _ = LinuxNative.closedir(dir);
            }

            return true;
        }

        // 32-bit Linux, where struct dirent has another layout: the same walk through .NET, a few times slower.
        public bool ScanManaged()
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(directory, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && SocketInode(Encoding.UTF8.GetBytes(target)) is { } inode)
                    {
                        Add(inode);
                    }
                }

                return true;
            }
            catch (DirectoryNotFoundException)
            {
                return true;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                return false;
            }
        }

        private void Add(ulong inode)
        {
            if (wanted is not null && !wanted.Contains(inode))
            {
                return;
            }

            _owner ??= new PortOwner(pid, ProcessNames.Read(directory));
            if (!found.TryGetValue(inode, out var holders))
            {
                found[inode] = holders = [];
            }

            // The same socket in two descriptors of one process (dup(2)) is one holder.
            if (!holders.Contains(_owner))
            {
                holders.Add(_owner);
                _held++;
            }
        }
    }
}
