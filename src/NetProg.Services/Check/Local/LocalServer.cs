using NetProg.Diagnostics.Sockets;

namespace NetProg.Services.Check.Local;

/// <summary>
/// The checked server as this machine sees it: its processes (for a server found running, the owner of the port and
/// the children it forked), their sockets, and when the local checks cannot run at all, why.
/// </summary>
internal static class LocalServer
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a program whose client was just cut off is given to be seen as exited (it is dying, or it is not).</summary>
    private static readonly TimeSpan DyingGrace = TimeSpan.FromSeconds(2);

    public static IProcessProbe Probe { get; } = ProcessProbes.ForCurrentOs();

    /// <summary>The started program's process group, or the owner of a running server's port and its descendants.</summary>
    public static IReadOnlyList<int> Processes(ServerCheckContext context)
    {
        var ids = context.ProcessIds();
        if (context.Program is not null || ids.Count == 0)
        {
            return ids;
        }

        return [.. ids, .. ids.SelectMany(Probe.Descendants)];
    }

    /// <summary>The sockets of <see cref="Processes"/>, from one snapshot of the socket table.</summary>
    public static IReadOnlyList<SocketEntry> Sockets(ServerCheckContext context) => Sockets(context, SocketFilter.All);

    /// <summary>The sockets the server listens on (TCP) or is bound to (UDP).</summary>
    public static IReadOnlyList<SocketEntry> Listeners(ServerCheckContext context) =>
        ServerDiscovery.Listeners(context, Sockets(context, ServerDiscovery.ListenerFilter(context)));

    private static IReadOnlyList<SocketEntry> Sockets(ServerCheckContext context, SocketFilter filter)
    {
        var ids = Processes(context).ToHashSet();
        return ids.Count == 0 ? [] : context.Sockets.Snapshot(filter).Where(s => s.ProcessId is { } pid && ids.Contains(pid)).ToList();
    }

    /// <summary>
    /// Why a local check cannot run, or null: the server is not on this machine (or nobody here owns its port), or it is no
    /// longer running (<c>crash</c> says how it ended). With <paramref name="needsClient"/>, also when it cannot be reached.
    /// </summary>
    public static CheckResult? Unavailable(ServerCheckContext context, string id, bool needsClient = false)
    {
        if (!context.IsLocal)
        {
            return ServerChecker.IsThisMachine(context.EndPoint.Address)
                ? CheckResult.Skip(id, string.Format(CultureInfo.CurrentCulture, LocalCheckText.Skip_NoOwner, context.ExpectedPort))
                : CheckResult.Skip(id, CheckText.Skip_NotLocal);
        }

        if (!context.ServerAlive())
        {
            return CheckResult.Skip(id, CheckText.Skip_Exited);
        }

        return needsClient && !context.Reachable ? CheckResult.Skip(id, CheckText.Skip_Unreachable) : null;
    }

    /// <summary>
    /// After a client was not served: a started program that is dying (a crash closes its sockets just before the OS
    /// reports its exit) is given <paramref name="timeout"/> to be seen as exited. True when it is no longer running.
    /// </summary>
    public static async Task<bool> ExitedAsync(ServerCheckContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (context.Program is { } program)
        {
            return await program.WaitForExitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }

        // A server found running is reaped by its own parent (a shell), a moment after it died.
        return await WaitUntilAsync(() => !context.ServerAlive(), timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The verdict when client <paramref name="number"/> of <paramref name="count"/> was not served: SKIP when the
    /// program died of it (<c>crash</c> reports that), else FAIL with the client's problem.
    /// </summary>
    public static async Task<CheckResult> NotServedAsync(ServerCheckContext context, string id, int number, int count, string? problem, CancellationToken cancellationToken)
    {
        if (await ExitedAsync(context, DyingGrace, cancellationToken).ConfigureAwait(false))
        {
            return CheckResult.Skip(id, CheckText.Skip_Exited);
        }

        return CheckResult.Fail(
            id,
            string.Format(CultureInfo.CurrentCulture, LocalCheckText.Client_NotServed, number, count, problem),
            CheckText.Check_Error_Cause,
            CheckText.Check_Error_Fix);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passed; whether it held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (condition())
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The sum of a value over the server's processes (descriptors, CPU), skipping those gone meanwhile.</summary>
    public static int? Descriptors(IEnumerable<int> processes)
    {
        int? total = null;
        foreach (var pid in processes)
        {
            if (Probe.Descriptors(pid) is { } count)
            {
                total = (total ?? 0) + count;
            }
        }

        return total;
    }

    public static string Endpoints(IEnumerable<SocketEntry> sockets) =>
        string.Join(", ", sockets.Select(s => NetProg.Transport.EndPointText.Format(s.Local)).Distinct(StringComparer.Ordinal));

    public static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    public static string Percent(double fraction) => fraction.ToString("P0", CultureInfo.CurrentCulture);
}
