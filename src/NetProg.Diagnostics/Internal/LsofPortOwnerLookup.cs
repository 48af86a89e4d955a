namespace NetProg.Diagnostics.Internal;

/// <summary>
/// macOS (and FreeBSD): asks <c>lsof</c>, because the kernel's pcblist sysctls carry no pid and libproc would
/// need one call per process. As non-root, lsof on macOS sees only the caller's own processes, so an empty
/// answer means "unknown" (lsof(8)).
/// </summary>
internal sealed class LsofPortOwnerLookup : IPortOwnerLookup
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public IReadOnlyList<PortOwner> FindOwners(PortProtocol protocol, int port)
    {
        if (port is < 1 or > 65535)
        {
            return [];
        }

        // -n/-P: no DNS or service-name lookups (they are what makes lsof slow);
        // -sTCP:LISTEN keeps only listeners; -F pc prints the pid and command fields only.
        string[] arguments = protocol == PortProtocol.Tcp
            ? ["-nP", $"-iTCP:{port}", "-sTCP:LISTEN", "-Fpc"]
            : ["-nP", $"-iUDP:{port}", "-Fpc"];

        var output = BoundedProcess.TryRun(LsofPath(), arguments, Timeout);
        return output is null ? [] : LsofParser.Parse(output);
    }

    // /usr/sbin is often not on PATH for processes started from a GUI or by launchd on macOS.
    private static string LsofPath() => File.Exists("/usr/sbin/lsof") ? "/usr/sbin/lsof" : "lsof";
}
