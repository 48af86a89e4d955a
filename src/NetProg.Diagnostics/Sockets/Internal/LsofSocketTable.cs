namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// macOS and FreeBSD, best effort: <c>lsof</c>, because the pcblist sysctls carry no pid. As non-root lsof sees
/// only this user's processes and leaves the rest out entirely (lsof(8)), so nothing is marked hidden here;
/// sockets with no process (TIME_WAIT) are not listed either.
/// </summary>
internal sealed class LsofSocketTable : ISocketTable
{
    // Longer than the port lookup's 2 s: without a port filter lsof walks every process's files.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public IReadOnlyList<SocketEntry> Snapshot()
    {
        // -n/-P: no DNS or service names (what makes lsof slow); -i: internet sockets only; -F: fields for programs.
        var output = Diagnostics.Internal.BoundedProcess.TryRun(LsofPath(), ["-nP", "-i", "-FpcftPnT"], Timeout);
        return output is null ? [] : SocketOrder.Sort(LsofSocketParser.Parse(output));
    }

    // /usr/sbin is often not on PATH for processes started from a GUI or by launchd on macOS.
    private static string LsofPath() => File.Exists("/usr/sbin/lsof") ? "/usr/sbin/lsof" : "lsof";
}
