namespace NetProg.Services.Check.Local;

/// <summary>
/// The checks that need the server's process on this machine (started by netprog, or found in the socket table), for
/// the kinds <see cref="CheckIds.For"/> gives them to.
/// </summary>
public static class LocalChecks
{
    public static IReadOnlyList<IServerCheck> For(CheckKind kind)
    {
        IServerCheck[] all =
        [
            new PortByteOrderCheck(), new ListenAddressCheck(), new ClosesSocketCheck(), new FdLeakCheck(),
            new BusyLoopCheck(), new RestartCheck(), new CrashCheck(),
        ];
        var ids = CheckIds.For(kind);
        return all.Where(c => ids.Contains(c.Id)).ToList();
    }
}
