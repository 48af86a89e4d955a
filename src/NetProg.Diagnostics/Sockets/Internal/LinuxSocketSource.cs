namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>Where the Linux table reads the kernel's sockets from.</summary>
internal enum LinuxSocketSource
{
    /// <summary>netlink <c>sock_diag</c> (what ss(8) uses), each table falling back to /proc/net when refused. The default.</summary>
    Netlink,

    /// <summary>/proc/net/{tcp,tcp6,udp,udp6} only: the fallback, forced by tests and by bench/sockets to compare.</summary>
    ProcNet,
}
