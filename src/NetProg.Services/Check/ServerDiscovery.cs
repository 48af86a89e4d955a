using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;
using NetProg.Services.Check.Local;

namespace NetProg.Services.Check;

/// <summary>Finds a checked server's sockets in the socket table: where a started program listens, who owns a running one's port.</summary>
public static class ServerDiscovery
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Waits (at most the timeout) until the started program listens, or exits, and points the context at the socket it
    /// listens on: the expected port if it is among them, else the expected port with its bytes swapped (htons()
    /// forgotten), else the first (a port from a config file). A listener bound to one address (not 0.0.0.0 or ::) is
    /// reached on that address.
    /// </summary>
    public static async Task FindListenerAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var program = context.Program ?? throw new InvalidOperationException("no program was started");
        var deadline = DateTime.UtcNow + context.Timeout;
        while (!program.HasExited && DateTime.UtcNow < deadline)
        {
            var listening = Listeners(context, context.ServerSockets(ListenerFilter(context)));
            if (listening.Count > 0)
            {
                var swapped = PortBytes.Forgotten(context.ExpectedPort);
                var chosen = listening.FirstOrDefault(s => s.Local.Port == context.ExpectedPort)
                    ?? listening.FirstOrDefault(s => s.Local.Port == swapped)
                    ?? listening[0];
                var address = IsAny(chosen.Local.Address) ? context.EndPoint.Address : chosen.Local.Address;
                context.EndPoint = new IPEndPoint(address, chosen.Local.Port);
                return;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// For a server already running on this machine: the owner of the expected port. When nothing at all listens there
    /// but a process here listens on the port with its bytes swapped, that is the server, which forgot htons(): the
    /// context is pointed at it, so the network checks test the server that is there and <c>port-byte-order</c> says why.
    /// </summary>
    public static void FindRunning(ServerCheckContext context)
    {
        var table = Listeners(context, context.Sockets.Snapshot(ListenerFilter(context)));
        if (table.Any(s => s.Local.Port == context.ExpectedPort))
        {
            context.OwnerProcessId = table.FirstOrDefault(s => s.Local.Port == context.ExpectedPort && s.ProcessId is not null)?.ProcessId;
            return;
        }

        if (PortBytes.Forgotten(context.ExpectedPort) is { } swapped
            && table.FirstOrDefault(s => s.Local.Port == swapped && s.ProcessId is not null) is { } found)
        {
            context.OwnerProcessId = found.ProcessId;
            context.EndPoint = new IPEndPoint(context.EndPoint.Address, swapped);
        }
    }

    /// <summary>True when the context was pointed at the expected port with its bytes swapped.</summary>
    public static bool FoundSwapped(ServerCheckContext context) =>
        context.EndPoint.Port != context.ExpectedPort && context.EndPoint.Port == PortBytes.Forgotten(context.ExpectedPort);

    /// <summary>The process that owns the listening (TCP) or bound (UDP) socket on <paramref name="port"/>, when the OS tells.</summary>
    public static int? OwnerOf(ServerCheckContext context, int port) =>
        Listeners(context, context.Sockets.Snapshot(ListenerFilter(context))).FirstOrDefault(s => s.Local.Port == port && s.ProcessId is not null)?.ProcessId;

    /// <summary>
    /// What to ask the socket table for: the listeners of the context's protocol (the same sockets <see cref="Listeners"/>
    /// keeps), so on a machine with thousands of connections the table reads and owns only those (Linux asks the kernel
    /// for TCP listeners alone).
    /// </summary>
    public static SocketFilter ListenerFilter(ServerCheckContext context) =>
        new(ListeningOnly: true, Protocol: CheckKinds.IsUdp(context.Kind) ? PortProtocol.Udp : PortProtocol.Tcp);

    /// <summary>The sockets among <paramref name="sockets"/> that a server of the context's kind listens on.</summary>
    public static IReadOnlyList<SocketEntry> Listeners(ServerCheckContext context, IEnumerable<SocketEntry> sockets)
    {
        var udp = CheckKinds.IsUdp(context.Kind);
        return sockets
            .Where(s => udp
                ? s.Protocol == PortProtocol.Udp && s.Remote is null
                : s.Protocol == PortProtocol.Tcp && s.State == SocketStates.Listen)
            .ToList();
    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
