using System.Diagnostics;

namespace NetProg.Diagnostics.Internal;

/// <summary>
/// Windows: <c>netstat -ano</c> for the pids, then <see cref="Process.GetProcessById(int)"/> for names.
/// (GetExtendedTcpTable with TCP_TABLE_OWNER_PID is the API underneath; netstat keeps this file free of P/Invoke
/// and is parsed by a pure, tested function.)
/// </summary>
internal sealed class WindowsPortOwnerLookup : IPortOwnerLookup
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public IReadOnlyList<PortOwner> FindOwners(PortProtocol protocol, int port)
    {
        if (port is < 1 or > 65535)
        {
            return [];
        }

        // Not "-p TCP": that lists IPv4 only (IPv6 needs "-p TCPv6"); a plain -ano gives both in one bounded run.
        // -n avoids reverse DNS, which is what makes netstat hang.
        var output = BoundedProcess.TryRun("netstat", ["-ano"], Timeout);
        if (output is null)
        {
            return [];
        }

        return [.. NetstatParser.ParseProcessIds(output, protocol, port).Select(pid => new PortOwner(pid, ProcessName(pid)))];
    }

    private static string? ProcessName(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName;
        }
        catch (Exception)
        {
            // ArgumentException: it exited since netstat ran. Access is not needed for the name, but be safe.
            return null;
        }
    }
}
