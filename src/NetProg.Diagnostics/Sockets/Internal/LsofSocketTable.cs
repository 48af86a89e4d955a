namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// macOS and FreeBSD, best effort: <c>lsof</c>, because the pcblist sysctls carry no pid and libproc would need one call
/// per process. As non-root lsof sees only this user's processes and leaves the rest out entirely (lsof(8) on macOS), so
/// nothing is marked hidden here; sockets with no process (TIME_WAIT) are not listed either.
/// </summary>
internal sealed class LsofSocketTable : ISocketTable
{
    // Without a port lsof walks every process's files; with one (a port lookup) it answers well inside 2 s.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PortTimeout = TimeSpan.FromSeconds(2);

    public IReadOnlyList<SocketEntry> Snapshot() => Snapshot(SocketFilter.All);

    public IReadOnlyList<SocketEntry> Snapshot(SocketFilter filter)
    {
        var output = Diagnostics.Internal.BoundedProcess.TryRun("lsof", Arguments(filter), filter.Port is null ? Timeout : PortTimeout);
        return output is null ? [] : SocketOrder.Sort(filter.Apply(LsofSocketParser.Parse(output).Take(SocketTables.MaxRows)));
    }

    /// <summary>
    /// -n/-P: no DNS or service names (what makes lsof slow); -i: internet sockets only, narrowed to the filter's protocol
    /// and port (lsof matches a local or a remote port, as <see cref="SocketFilter.Port"/> does); -sTCP:LISTEN keeps only
    /// TCP listeners; -F: fields for programs (lsof(8), "OUTPUT FOR OTHER PROGRAMS").
    /// </summary>
    internal static IReadOnlyList<string> Arguments(SocketFilter filter)
    {
        var protocol = filter.Protocol switch
        {
            PortProtocol.Tcp => "TCP",
            PortProtocol.Udp => "UDP",
            _ => string.Empty,
        };
        var port = filter.Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;
        List<string> arguments = ["-nP", "-i" + protocol + port];
        if (filter.ListeningOnly && filter.Protocol == PortProtocol.Tcp)
        {
            arguments.Add("-sTCP:LISTEN");
        }

        arguments.Add("-FpcftPnT");
        return arguments;
    }

}
