using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetProg.Transport.Linux;

/// <summary>
/// The few libc calls of the epoll transport, and the Linux constants they take. Every call is non-blocking: the sockets are
/// opened with <c>SOCK_NONBLOCK</c>, and only <c>epoll_wait</c> waits, on the loop's own thread.
/// </summary>
/// <remarks>
/// File descriptors are passed as plain ints and every caller holds a reference on the owning <see cref="SafeHandle"/> for the
/// length of the call (<see cref="FileDescriptor"/>): a closed descriptor number can be reused by the next accept(), and a
/// recv() on a stale number would read another client's bytes.
/// </remarks>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    public const int EAGAIN = 11;
    public const int EINTR = 4;

    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const int EPOLL_CTL_MOD = 3;

    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;
    public const uint EPOLLRDHUP = 0x2000;
    public const uint EPOLLET = 1u << 31;

    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;

    public const int MSG_PEEK = 0x2;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_NOSIGNAL = 0x4000;
    public const int SHUT_WR = 1;

    public const int SOL_SOCKET = 1;
    public const int SO_LINGER = 13;

    public const ushort AF_INET = 2;
    public const ushort AF_INET6 = 10;

    /// <summary>
    /// <c>struct epoll_event</c> is packed on x86-64 only (12 bytes, data at offset 4); elsewhere it is 16 bytes with data at
    /// offset 8 (linux/eventpoll.h, <c>EPOLL_PACKED</c>).
    /// </summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    public static readonly int EpollDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_wait(int epfd, byte* events, int maxevents, int timeout);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int accept4(int sockfd, byte* addr, uint* addrlen, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint recv(int sockfd, byte* buf, nuint len, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint send(int sockfd, byte* buf, nuint len, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint sendmsg(int sockfd, MessageHeader* msg, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int shutdown(int sockfd, int how);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setsockopt(int sockfd, int level, int optname, void* optval, uint optlen);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int getsockname(int sockfd, byte* addr, uint* addrlen);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    /// <summary>Writes a <c>struct epoll_event</c> in the architecture's layout.</summary>
    public static void WriteEvent(byte* ev, uint events, ulong data)
    {
        *(uint*)ev = events;
        Unsafe.WriteUnaligned(ev + EpollDataOffset, data);
    }
}
