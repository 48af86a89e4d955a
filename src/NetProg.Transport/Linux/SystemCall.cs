namespace NetProg.Transport.Linux;

/// <summary>
/// errno to the <see cref="SocketException"/> the portable transport would have thrown for it, so that
/// <see cref="SocketErrors"/> classifies both transports' errors the same way (Linux errno values, asm-generic/errno.h).
/// </summary>
internal static class SystemCall
{
    public static SocketException Error(int errno) => new((int)ToSocketError(errno));

    public static SocketError ToSocketError(int errno) => errno switch
    {
        104 => SocketError.ConnectionReset,          // ECONNRESET
        32 => SocketError.Shutdown,                  // EPIPE: written after the peer reset
        110 => SocketError.TimedOut,                 // ETIMEDOUT
        113 => SocketError.HostUnreachable,          // EHOSTUNREACH
        112 => SocketError.HostDown,                 // EHOSTDOWN
        101 => SocketError.NetworkUnreachable,       // ENETUNREACH
        100 => SocketError.NetworkDown,              // ENETDOWN
        103 => SocketError.ConnectionAborted,        // ECONNABORTED
        107 => SocketError.NotConnected,             // ENOTCONN
        23 or 24 => SocketError.TooManyOpenSockets,  // ENFILE, EMFILE
        12 or 105 => SocketError.NoBufferSpaceAvailable, // ENOMEM, ENOBUFS
        9 => SocketError.OperationAborted,           // EBADF
        22 => SocketError.InvalidArgument,           // EINVAL
        11 => SocketError.WouldBlock,                // EAGAIN
        13 or 1 => SocketError.AccessDenied,         // EACCES, EPERM
        _ => SocketError.SocketError,
    };
}
