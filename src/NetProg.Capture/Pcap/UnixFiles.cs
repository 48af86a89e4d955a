using System.Runtime.InteropServices;
using System.Text;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace NetProg.Capture.Pcap;

/// <summary>
/// The two file-system calls .NET has no API for: a file's identity and type without following a symbolic link
/// (lstat(2), fstat(2)), and giving a file away (fchown(2)).
/// </summary>
/// <remarks>
/// Linux uses statx(2), whose <c>struct statx</c> is the same on every architecture (linux/stat.h), rather than stat(2),
/// whose layout differs between x86-64 and arm64 and whose glibc symbol was <c>__xstat</c> before 2.33. macOS has one
/// <c>struct stat</c> for x86-64 and arm64 (the 64-bit-inode one, sys/stat.h), reached as <c>lstat$INODE64</c> on x86-64
/// and plain <c>lstat</c> on arm64 (stat(2), "_DARWIN_FEATURE_64_BIT_INODE").
/// </remarks>
[UnsupportedOSPlatform("windows")]
internal static class UnixFiles
{
    private const string Library = "libc";

    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    private const int AT_FDCWD = -100;
    private const int AT_SYMLINK_NOFOLLOW = 0x100;
    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_TYPE = 0x1;
    private const uint STATX_INO = 0x100;

    private static readonly bool MacX64 = OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>What is at <paramref name="path"/>, the link itself unless <paramref name="followLinks"/>; null when nothing is.</summary>
    /// <exception cref="IOException">The path cannot be looked at (a folder on the way is not readable, a loop of links).</exception>
    public static FileStatus? Status(string path, bool followLinks)
    {
        var name = NulTerminated(path);
        int result;
        if (OperatingSystem.IsLinux())
        {
            result = StatX(AT_FDCWD, name, followLinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_INO, out var status);
            if (result == 0)
            {
                return status.ToStatus();
            }
        }
        else
        {
            MacStat status;
            result = (followLinks, MacX64) switch
            {
                (true, true) => MacStatX64(name, out status),
                (true, false) => MacStatArm64(name, out status),
                (false, true) => MacLStatX64(name, out status),
                (false, false) => MacLStatArm64(name, out status),
            };
            if (result == 0)
            {
                return status.ToStatus();
            }
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is ENOENT or ENOTDIR ? null : throw new IOException(Marshal.GetPInvokeErrorMessage(errno));
    }

    /// <summary>What <paramref name="handle"/> has open.</summary>
    public static FileStatus Status(SafeFileHandle handle) => WithDescriptor(handle, fd =>
    {
        if (OperatingSystem.IsLinux())
        {
            return StatX(fd, [0], AT_EMPTY_PATH, STATX_TYPE | STATX_INO, out var status) == 0 ? status.ToStatus() : Fail<FileStatus>();
        }

        MacStat mac;
        return (MacX64 ? MacFStatX64(fd, out mac) : MacFStatArm64(fd, out mac)) == 0 ? mac.ToStatus() : Fail<FileStatus>();
    });

    /// <summary>Gives the file open in <paramref name="handle"/> to <paramref name="owner"/> (root only, or a group of one's own).</summary>
    public static void ChangeOwner(SafeFileHandle handle, FileOwner owner) =>
        WithDescriptor(handle, fd => FChown(fd, owner.UserId, owner.GroupId) == 0 || Fail<bool>());

    /// <summary>The path as the kernel takes it: UTF-8 bytes and a NUL (a NUL inside would end the name early: refused).</summary>
    private static byte[] NulTerminated(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a path holds no NUL character", nameof(path));
        }

        return Encoding.UTF8.GetBytes(path + "\0");
    }

    private static T Fail<T>() => throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));

    /// <summary>
    /// Runs <paramref name="call"/> on the descriptor with a reference held on the handle: a descriptor number closed by
    /// another thread may be reused by the next open(), and the call would look at (or chown) another file.
    /// </summary>
    private static T WithDescriptor<T>(SafeFileHandle handle, Func<int, T> call)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return call((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    // DllImport rather than LibraryImport: the structs are blittable and the path is passed as its UTF-8 bytes, so nothing is
    // marshalled, and LibraryImport would make the project compile with /unsafe.
#pragma warning disable SYSLIB1054
    [DllImport(Library, EntryPoint = "statx", SetLastError = true)]
    private static extern int StatX(int dirfd, byte[] path, int flags, uint mask, out LinuxStatX status);

    [DllImport(Library, EntryPoint = "stat$INODE64", SetLastError = true)]
    private static extern int MacStatX64(byte[] path, out MacStat status);

    [DllImport(Library, EntryPoint = "stat", SetLastError = true)]
    private static extern int MacStatArm64(byte[] path, out MacStat status);

    [DllImport(Library, EntryPoint = "lstat$INODE64", SetLastError = true)]
    private static extern int MacLStatX64(byte[] path, out MacStat status);

    [DllImport(Library, EntryPoint = "lstat", SetLastError = true)]
    private static extern int MacLStatArm64(byte[] path, out MacStat status);

    [DllImport(Library, EntryPoint = "fstat$INODE64", SetLastError = true)]
    private static extern int MacFStatX64(int fd, out MacStat status);

    [DllImport(Library, EntryPoint = "fstat", SetLastError = true)]
    private static extern int MacFStatArm64(int fd, out MacStat status);

    [DllImport(Library, EntryPoint = "fchown", SetLastError = true)]
    private static extern int FChown(int fd, uint owner, uint group);
#pragma warning restore SYSLIB1054

    /// <summary><c>struct statx</c> (linux/stat.h): 256 bytes, the fields read here at their fixed offsets.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct LinuxStatX
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(136)]
        public uint DeviceMajor;

        [FieldOffset(140)]
        public uint DeviceMinor;

        public readonly FileStatus ToStatus() => new(((ulong)DeviceMajor << 32) | DeviceMinor, Inode, Mode & FileStatus.TypeMask);
    }

    /// <summary>macOS's 64-bit-inode <c>struct stat</c> (sys/stat.h, <c>__DARWIN_STRUCT_STAT64</c>): 144 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    private struct MacStat
    {
        [FieldOffset(0)]
        public int Device;

        [FieldOffset(4)]
        public ushort Mode;

        [FieldOffset(8)]
        public ulong Inode;

        public readonly FileStatus ToStatus() => new((uint)Device, Inode, Mode & FileStatus.TypeMask);
    }
}
