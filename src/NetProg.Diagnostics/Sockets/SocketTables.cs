using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Sockets;

/// <summary>Chooses the socket table for this OS; .NET has no API that gives owning processes (dotnet/runtime#63099).</summary>
public static class SocketTables
{
    /// <summary>
    /// The most rows a table reads (default 200,000): past it the rest is left out, so a flood of sockets costs bounded
    /// memory (a row is about 200 bytes) and time.
    /// </summary>
    public const int MaxRows = 200_000;

    /// <summary>
    /// Linux: netlink <c>sock_diag</c> (/proc/net/{tcp,tcp6,udp,udp6} where netlink is refused) plus one scan of
    /// /proc/[pid]/fd. Windows: GetExtendedTcpTable and GetExtendedUdpTable. macOS and FreeBSD: <c>lsof -nP -i</c>, best
    /// effort (as non-root it sees only this user's processes). Anything else: an empty table.
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
