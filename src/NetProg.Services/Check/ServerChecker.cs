using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;
using NetProg.Services.Check.Local;
using NetProg.Services.Check.Login;
using NetProg.Services.Check.Tcp;
using NetProg.Services.Check.Udp;
using NetProg.Transport;

namespace NetProg.Services.Check;

/// <summary>
/// Checks one server: starts it when asked (and always stops it), finds where it listens, then runs the kind's checks
/// one after the other, each bounded, all within <see cref="ServerCheckRequest.TargetBudget"/>.
/// </summary>
public static class ServerChecker
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    public static async Task<CheckReport> RunAsync(ServerCheckRequest request, CancellationToken cancellationToken)
    {
        var sockets = request.Sockets ?? SocketTables.ForCurrentOs();
        var budget = Stopwatch.StartNew();
        var program = request.Program is { } command ? TargetProgram.Start(command.FileName, command.Arguments) : null;
        try
        {
            var address = await ResolveAsync(request, cancellationToken).ConfigureAwait(false);
            var context = new ServerCheckContext(request, new IPEndPoint(address, request.Port), sockets, program, null);
            if (program is not null)
            {
                await ServerDiscovery.FindListenerAsync(context, cancellationToken).ConfigureAwait(false);
            }
            else if (IsThisMachine(address))
            {
                ServerDiscovery.FindRunning(context);
            }

            var checks = Registry(request.Kind);
            foreach (var id in Order(context))
            {
                // reachable runs even when --only leaves it out: every network check depends on it. Its line is shown
                // then only when it failed, since the checks it skipped point at it.
                var wanted = request.Options.Wants(id);
                if (!wanted && id != CheckIds.Reachable)
                {
                    continue;
                }

                var left = request.TargetBudget - budget.Elapsed;
                var result = left <= TimeSpan.Zero
                    ? CheckResult.Skip(id, string.Format(CultureInfo.CurrentCulture, CheckText.Skip_OutOfTime, Seconds(request.TargetBudget)))
                    : await RunOneAsync(context, checks.GetValueOrDefault(id), id, left, cancellationToken).ConfigureAwait(false);
                if (id == CheckIds.Reachable)
                {
                    context.Reachable = result.Verdict is CheckVerdict.Pass or CheckVerdict.Warn;
                    if (!wanted && context.Reachable)
                    {
                        continue;
                    }
                }

                context.Add(result);
            }

            // A name is shown as typed (localhost:30000), an address as the transport writes it ([::1]:30000).
            var target = request.Program?.Text
                ?? (IPAddress.TryParse(request.Host, out _) ? EndPointText.Format(new IPEndPoint(address, request.Port)) : $"{request.Host}:{request.Port}");
            return new CheckReport(target, request.Kind, context.Results, request.Label);
        }
        finally
        {
            if (program is not null)
            {
                await program.StopAsync(StopGrace).ConfigureAwait(false);
                await program.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when <paramref name="address"/> is loopback or one of this machine's own: its processes are visible here.</summary>
    public static bool IsThisMachine(IPAddress address) =>
        IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
        || LocalAddresses.List().Any(a => a.Address.Equals(EndPointText.Normalize(address)));

    private static async Task<CheckResult> RunOneAsync(ServerCheckContext context, IServerCheck? check, string id, TimeSpan left, CancellationToken cancellationToken)
    {
        var local = CheckIds.Local.Contains(id);
        if (check is null)
        {
            return CheckResult.Skip(id, CheckText.Skip_NotBuilt);
        }

        if (!local && id != CheckIds.Reachable)
        {
            if (!context.ServerAlive())
            {
                return CheckResult.Skip(id, CheckText.Skip_Exited);
            }

            if (!context.Reachable)
            {
                return CheckResult.Skip(id, CheckText.Skip_Unreachable);
            }
        }

        // Each check gets at most four single waits, and never more than the target has left.
        var cap = TimeSpan.FromTicks(Math.Min(left.Ticks, context.Timeout.Ticks * 4));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(cap);
        try
        {
            return await check.RunAsync(context, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Fail(id, string.Format(CultureInfo.CurrentCulture, CheckText.Check_TimedOut, Seconds(cap)), CheckText.Check_Error_Cause, CheckText.Check_Error_Fix);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return CheckResult.Fail(id, string.Format(CultureInfo.CurrentCulture, CheckText.Check_Error, e.Message), CheckText.Check_Error_Cause, CheckText.Check_Error_Fix);
        }
    }

    /// <summary>
    /// The kind's checks in their order, except when the server was found on the expected port with its bytes swapped
    /// (htons() forgotten): every line after reachable is about that port, so port-byte-order, which says why, comes
    /// right after reachable.
    /// </summary>
    private static IEnumerable<string> Order(ServerCheckContext context)
    {
        var ids = CheckIds.For(context.Kind);
        if (!ServerDiscovery.FoundSwapped(context) || !ids.Contains(CheckIds.PortByteOrder))
        {
            return ids;
        }

        var rest = ids.Where(id => id is not CheckIds.Reachable and not CheckIds.PortByteOrder);
        return ids.Contains(CheckIds.Reachable) ? [CheckIds.Reachable, CheckIds.PortByteOrder, .. rest] : [CheckIds.PortByteOrder, .. rest];
    }

    private static Dictionary<string, IServerCheck> Registry(CheckKind kind)
    {
        var all = new List<IServerCheck> { new ReachableCheck() };
        all.AddRange(TcpServerChecks.For(kind));
        all.AddRange(UdpServerChecks.For(kind));
        all.AddRange(LoginChecks.For(kind));
        all.AddRange(LocalChecks.For(kind));
        return all.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    private static async Task<IPAddress> ResolveAsync(ServerCheckRequest request, CancellationToken cancellationToken)
    {
        var protocol = CheckKinds.IsUdp(request.Kind) ? TransportProtocol.Udp : TransportProtocol.Tcp;
        var addresses = await HostResolver.ResolveAsync(request.Host, request.Options.Timeout, protocol, cancellationToken).ConfigureAwait(false);
        return addresses[0];
    }

    internal static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.#", CultureInfo.CurrentCulture) + " s";
}
