using System.Runtime.InteropServices;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// The libc calls of the Linux socket table: a netlink socket for <c>sock_diag</c> (.NET's <see cref="System.Net.Sockets.Socket"/>
/// cannot open one: its AddressFamily 16 is AppleTalk, which it translates to Linux's AF_APPLETALK), and the directory
/// walk of /proc/[pid]/fd without a string or a FileInfo per descriptor.
/// </summary>
internal static unsafe partial class LinuxNative
{
    private const string Library = "libc";

    public const int AF_NETLINK = 16;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int NETLINK_SOCK_DIAG = 4;

    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;

    public const short POLLIN = 0x001;
    public const int MSG_DONTWAIT = 0x40;
    public const int EINTR = 4;

    /// <summary>
    /// Where <c>d_name</c> starts in the <c>struct dirent</c> that readdir(3) returns on 64-bit Linux, glibc and musl alike
    /// (d_ino and d_off 8 bytes each, d_reclen 2, d_type 1). 32-bit layouts differ: callers check
    /// <see cref="Environment.Is64BitProcess"/>.
    /// </summary>
    public const int DirentNameOffset = 19;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint send(int sockfd, byte* buf, nuint len, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint recv(int sockfd, byte* buf, nuint len, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint nfds, int timeout);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint opendir(byte* name);

    [LibraryImport(Library, SetLastError = true)]
    public static partial byte* readdir(nint dirp);

    [LibraryImport(Library)]
    public static partial int closedir(nint dirp);

    [LibraryImport(Library)]
    public static partial int dirfd(nint dirp);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint readlinkat(int dirfd, byte* pathname, byte* buf, nuint bufsiz);
}
