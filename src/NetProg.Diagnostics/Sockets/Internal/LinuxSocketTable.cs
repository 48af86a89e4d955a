namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// Linux: the kernel's TCP and UDP sockets through netlink <c>sock_diag</c> (sock_diag(7)), or from /proc/net/* where a
/// netlink socket cannot be opened or a table is refused (a restricted container, udp_diag not loaded), joined to
/// processes by one scan of /proc/[pid]/fd.
/// </summary>
internal sealed class LinuxSocketTable : ISocketTable
{
    // The fd scan is O(processes x descriptors) (dotnet/runtime#63099 measured it "100+ times" slower than Windows'
    // API); --watch refreshes every second, so cap it and mark the rest hidden rather than stall.
    private static readonly TimeSpan ScanBudget = TimeSpan.FromMilliseconds(1500);

    // The whole netlink read; with the scan's budget, inside the 2 s that ISocketTable promises.
    private static readonly TimeSpan NetlinkBudget = TimeSpan.FromMilliseconds(500);

    private static readonly (string File, AddressFamily Family, PortProtocol Protocol)[] Tables =
    [
        ("tcp", AddressFamily.InterNetwork, PortProtocol.Tcp), ("tcp6", AddressFamily.InterNetworkV6, PortProtocol.Tcp),
        ("udp", AddressFamily.InterNetwork, PortProtocol.Udp), ("udp6", AddressFamily.InterNetworkV6, PortProtocol.Udp),
    ];

    private readonly string _procRoot;
    private readonly LinuxSocketSource _source;
    private readonly int _maxRows;

    public LinuxSocketTable(string procRoot = "/proc", LinuxSocketSource source = LinuxSocketSource.Netlink, int maxRows = SocketTables.MaxRows)
    {
        _procRoot = procRoot;
        _source = source;
        _maxRows = maxRows;
    }

    public IReadOnlyList<SocketEntry> Snapshot() => Snapshot(SocketFilter.All);

    public IReadOnlyList<SocketEntry> Snapshot(SocketFilter filter)
    {
        try
        {
            var rows = Read(filter).Where(row => filter.Matches(row.Entry)).ToList();
            if (rows.Count == 0)
            {
                // Nothing to own (a port nobody listens on): no fd scan at all.
                return [];
            }

            var wanted = rows.Select(row => row.Inode).Where(inode => inode != 0).ToHashSet();
            var owners = wanted.Count == 0 ? new ProcessSockets(new Dictionary<ulong, PortOwner>(), Complete: true) : ProcFdScanner.Scan(_procRoot, ScanBudget, wanted);
            return SocketOrder.Sort(owners.Join(rows));
        }
        catch (Exception)
        {
            // ISocketTable never throws: /proc may be missing (a chroot) or restricted.
            return [];
        }
    }

    /// <summary>The kernel's rows for the tables the filter can match, before the filter and the owners.</summary>
    internal List<KernelSocket> Read(SocketFilter filter)
    {
        var rows = new List<KernelSocket>();
        using var netlink = _source == LinuxSocketSource.Netlink ? NetlinkSocket.TryOpen() : null;
        var clock = Stopwatch.StartNew();
        uint sequence = 0;
        foreach (var (file, family, protocol) in Tables)
        {
            if ((filter.Protocol is { } only && only != protocol) || rows.Count >= _maxRows)
            {
                continue;
            }

            // Filtered in the kernel where it is cheap: a TCP listener query gets only the listeners (the states mask),
            // not every connection of a busy machine. UDP has no listen state, so all its sockets come.
            var states = filter.ListeningOnly && protocol == PortProtocol.Tcp ? InetDiagRequest.ListenState : InetDiagRequest.AllStates;
            var progress = netlink is null
                ? InetDiagProgress.Failed
                : SockDiagReader.Read(netlink, family, protocol, states, ++sequence, rows, _maxRows, clock, NetlinkBudget);
            if (progress == InetDiagProgress.Failed)
            {
                ReadProcNet(file, protocol, rows);
            }
        }

        return rows;
    }

    private void ReadProcNet(string file, PortProtocol protocol, List<KernelSocket> rows)
    {
        try
        {
            var parsed = ProcNetSocketParser.Parse(File.ReadAllText(Path.Combine(_procRoot, "net", file)), protocol, BitConverter.IsLittleEndian);
            rows.AddRange(parsed.Take(_maxRows - rows.Count));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // tcp6/udp6 are absent when the kernel runs with ipv6.disable=1.
        }
    }
}
