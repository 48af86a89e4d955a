using System.Runtime.InteropServices;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// One process of a <see cref="ProcFdScanner"/> pass: its sockets among the wanted ones, its name read the first time one
/// is found.
/// </summary>
internal sealed class ProcessFdWalk(string directory, int pid, IReadOnlySet<ulong>? wanted, Holders found)
{
    private const int EACCES = 13;

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
                if (length > 0 && ProcFdScanner.SocketInode(new ReadOnlySpan<byte>(target, (int)length)) is { } inode)
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
                if (new FileInfo(fd).LinkTarget is { } target && ProcFdScanner.SocketInode(Encoding.UTF8.GetBytes(target)) is { } inode)
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
        if (found.Add(inode, _owner))
        {
            _held++;
        }
    }
}
