using System.Runtime.Versioning;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// Windows: GetExtendedTcpTable (TCP_TABLE_OWNER_PID_ALL) and GetExtendedUdpTable (UDP_TABLE_OWNER_PID), for
/// AF_INET and AF_INET6 — what netstat -ano and TCPView call. Pids need no admin; some names (services) may.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsSocketTable : ISocketTable
{
    public IReadOnlyList<SocketEntry> Snapshot()
    {
        try
        {
            var entries = new List<SocketEntry>();
            foreach (var (af, family) in new[] { (IpHelperNative.AfInet, AddressFamily.InterNetwork), (IpHelperNative.AfInet6, AddressFamily.InterNetworkV6) })
            {
                if (Fetch((b, size) => (IpHelperNative.GetExtendedTcpTable(b, ref size, 0, af, IpHelperNative.TcpTableOwnerPidAll, 0), size)) is { } tcp)
                {
                    entries.AddRange(IpHelperTableParser.ParseTcp(tcp, family));
                }

                if (Fetch((b, size) => (IpHelperNative.GetExtendedUdpTable(b, ref size, 0, af, IpHelperNative.UdpTableOwnerPid, 0), size)) is { } udp)
                {
                    entries.AddRange(IpHelperTableParser.ParseUdp(udp, family));
                }
            }

            var names = new Dictionary<int, string?>();
            return SocketOrder.Sort(entries.Take(SocketTables.MaxRows).Select(e => e.ProcessId is { } pid ? e with { ProcessName = Name(pid, names) } : e));
        }
        catch (Exception)
        {
            // ISocketTable never throws (DllNotFoundException on Wine or Nano Server, among others).
            return [];
        }
    }

    // call(buffer, size) returns the Win32 result and the size the OS wants (pdwSize is in/out).
    private static byte[]? Fetch(Func<byte[]?, int, (uint Result, int Size)> call)
    {
        // The table can grow between the size query and the fill: retry a few times with the size the OS reports.
        var size = 0;
        byte[]? buffer = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            (var result, size) = call(buffer, size);
            if (result == IpHelperNative.NoError)
            {
                return buffer ?? [];
            }

            if (result != IpHelperNative.ErrorInsufficientBuffer)
            {
                return null;
            }

            buffer = new byte[size + 1024];
            size = buffer.Length;
        }

        return null;
    }

    private static string? Name(int pid, Dictionary<int, string?> cache)
    {
        if (!cache.TryGetValue(pid, out var name))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                name = process.ProcessName;
            }
            catch (Exception)
            {
                // ArgumentException: it exited since the table was read.
                name = null;
            }

            cache[pid] = name;
        }

        return name;
    }
}
