using System.Runtime.InteropServices;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>A NETLINK_SOCK_DIAG socket (sock_diag(7)); closed once, when the last call on it has returned.</summary>
internal sealed class NetlinkSocket : SafeHandle
{
    private NetlinkSocket(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    /// <summary>Opens one, or returns null where netlink is not allowed (a seccomp filter, a container without it, not Linux).</summary>
    public static NetlinkSocket? TryOpen()
    {
        try
        {
            var fd = LinuxNative.socket(LinuxNative.AF_NETLINK, LinuxNative.SOCK_RAW | LinuxNative.SOCK_CLOEXEC, LinuxNative.NETLINK_SOCK_DIAG);
            return fd < 0 ? null : new NetlinkSocket(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Sends one request to the kernel (an unconnected netlink socket's default destination is port id 0, the kernel).</summary>
    public unsafe bool TrySend(ReadOnlySpan<byte> request)
    {
        fixed (byte* bytes = request)
        {
            return LinuxNative.send(Fd(), bytes, (nuint)request.Length, 0) == request.Length;
        }
    }

    /// <summary>Receives one datagram, waiting at most <paramref name="timeout"/>; -1 on a timeout or an error.</summary>
    public unsafe int Receive(Span<byte> buffer, TimeSpan timeout)
    {
        var fd = Fd();
        var deadline = Environment.TickCount64 + (long)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        while (true)
        {
            var pollFd = new PollFd { Fd = fd, Events = LinuxNative.POLLIN };
            var ready = LinuxNative.poll(&pollFd, 1, (int)Math.Max(0, deadline - Environment.TickCount64));
            if (ready == 0 || (ready < 0 && Marshal.GetLastPInvokeError() != LinuxNative.EINTR))
            {
                return -1;
            }

            if (ready < 0)
            {
                // A signal (the runtime's own, for one) interrupted the wait (poll(2), EINTR): wait out the rest.
                continue;
            }

            fixed (byte* bytes = buffer)
            {
                // A datagram longer than the buffer would be cut short (MSG_TRUNC); the kernel keeps dump messages under
                // 32 KiB (net/netlink/af_netlink.c caps max_recvmsg_len there), and callers pass more.
                var received = (int)LinuxNative.recv(fd, bytes, (nuint)buffer.Length, LinuxNative.MSG_DONTWAIT);
                if (received >= 0 || Marshal.GetLastPInvokeError() != LinuxNative.EINTR)
                {
                    return received;
                }
            }
        }
    }

    protected override bool ReleaseHandle() => LinuxNative.close((int)handle) == 0;

    // Every call is made by the one thread that reads the table, between TryOpen and Dispose.
    private int Fd() => (int)handle;
}
