using System.Runtime.InteropServices;

namespace NetProg.Transport;

/// <summary>
/// The per-process limit on open files, which on Unix counts sockets (RLIMIT_NOFILE; <c>ulimit -n</c>). Forwarding 10,001
/// ports over TCP and UDP needs more than the usual soft limit of 1,024, so the forwarder raises it before binding and fails
/// up front when it cannot, instead of failing on port 1,021. Windows has no such per-process count for sockets.
/// </summary>
public static class DescriptorLimit
{
    /// <summary>
    /// Makes sure this process may open <paramref name="needed"/> descriptors: raises the soft limit (to the hard limit at most,
    /// which any process may do, setrlimit(2)); as root, the hard limit too (CAP_SYS_RESOURCE). Returns the limit now in force;
    /// null where the OS has no such limit.
    /// </summary>
    public static long? Ensure(long needed)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            return null;
        }

        var resource = OperatingSystem.IsLinux() ? LinuxNoFile : BsdNoFile;
        if (GetRLimit(resource, out var limit) != 0)
        {
            return null;
        }

        if (limit.Current >= (ulong)needed)
        {
            return (long)Math.Min(limit.Current, long.MaxValue);
        }

        // Ask for what is needed, not for "unlimited": macOS refuses a soft limit above kern.maxfilesperproc (EINVAL).
        var wanted = new RLimit { Current = (ulong)needed, Maximum = Math.Max(limit.Maximum, (ulong)needed) };
        if (SetRLimit(resource, ref wanted) != 0 && limit.Maximum > limit.Current)
        {
            // Not root: the soft limit may still go up to the hard one.
            wanted = new RLimit { Current = Math.Min((ulong)needed, limit.Maximum), Maximum = limit.Maximum };
            _ = SetRLimit(resource, ref wanted);
        }

        return GetRLimit(resource, out limit) == 0 ? (long)Math.Min(limit.Current, long.MaxValue) : null;
    }

    // RLIMIT_NOFILE is 7 on Linux (asm-generic/resource.h) and 8 on macOS and FreeBSD (sys/resource.h).
    private const int LinuxNoFile = 7;
    private const int BsdNoFile = 8;

    // struct rlimit { rlim_t rlim_cur; rlim_t rlim_max; }: rlim_t is 64-bit on 64-bit Linux, macOS and FreeBSD.
    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    // DllImport rather than LibraryImport: the struct is blittable, so no marshalling code is generated either way, and
    // LibraryImport would make the project compile with /unsafe.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "getrlimit")]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit")]
    private static extern int SetRLimit(int resource, ref RLimit limit);
#pragma warning restore SYSLIB1054
}
