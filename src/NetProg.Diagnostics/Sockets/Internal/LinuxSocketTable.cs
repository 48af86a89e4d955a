namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>Linux: the four /proc/net tables, joined to processes by one scan of /proc/[pid]/fd.</summary>
internal sealed class LinuxSocketTable : ISocketTable
{
    // The scan is O(processes x descriptors) (dotnet/runtime#63099 measured it "100+ times" slower than Windows'
    // API); --watch refreshes every second, so cap it and mark the rest hidden rather than stall.
    private static readonly TimeSpan ScanBudget = TimeSpan.FromMilliseconds(1500);

    private static readonly (string File, PortProtocol Protocol)[] Tables =
        [("tcp", PortProtocol.Tcp), ("tcp6", PortProtocol.Tcp), ("udp", PortProtocol.Udp), ("udp6", PortProtocol.Udp)];

    private readonly string _procRoot;

    public LinuxSocketTable(string procRoot = "/proc") => _procRoot = procRoot;

    public IReadOnlyList<SocketEntry> Snapshot()
    {
        try
        {
            var rows = new List<ProcNetSocket>();
            foreach (var (file, protocol) in Tables)
            {
                try
                {
                    rows.AddRange(ProcNetSocketParser.Parse(File.ReadAllText(Path.Combine(_procRoot, "net", file)), protocol, BitConverter.IsLittleEndian));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // tcp6/udp6 are absent when the kernel runs with ipv6.disable=1.
                }
            }

            return SocketOrder.Sort(ProcFdScanner.Scan(_procRoot, ScanBudget).Join(rows));
        }
        catch (Exception)
        {
            // ISocketTable never throws: /proc may be missing (a chroot) or restricted.
            return [];
        }
    }
}
