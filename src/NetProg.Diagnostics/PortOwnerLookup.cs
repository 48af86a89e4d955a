using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics;

/// <summary>Chooses the owning-process lookup for this OS; .NET has no API for it (dotnet/runtime#63099).</summary>
public static class PortOwnerLookup
{
    /// <summary>
    /// Linux: /proc/net/{tcp,tcp6,udp,udp6} plus a scan of /proc/[pid]/fd. macOS and FreeBSD: <c>lsof</c>.
    /// Windows: <c>netstat -ano</c>. Anything else: a lookup that always answers "unknown" (empty).
    /// </summary>
    public static IPortOwnerLookup ForCurrentOs()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxPortOwnerLookup();
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsPortOwnerLookup();
        }

        if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            return new LsofPortOwnerLookup();
        }

        return new UnknownPortOwnerLookup();
    }
}
