using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Sockets;

/// <summary>Chooses the socket table for this OS; .NET has no API that gives owning processes (dotnet/runtime#63099).</summary>
public static class SocketTables
{
    /// <summary>
    /// Linux: /proc/net/{tcp,tcp6,udp,udp6} plus one scan of /proc/[pid]/fd. Windows: GetExtendedTcpTable and
    /// GetExtendedUdpTable. macOS and FreeBSD: <c>lsof -nP -i</c>, best effort (as non-root it sees only this user's
    /// processes). Anything else: an empty table.
    /// </summary>
    public static ISocketTable ForCurrentOs()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxSocketTable();
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsSocketTable();
        }

        if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            return new LsofSocketTable();
        }

        return new EmptySocketTable();
    }
}
