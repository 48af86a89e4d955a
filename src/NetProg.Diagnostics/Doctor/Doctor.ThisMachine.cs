using System.Net;
using System.Net.Sockets;
using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

public static partial class Doctor
{
    /// <summary>
    /// When the host is this machine: which process holds the port, and whether it answers on loopback only — the classic
    /// "works here, not from another machine" (research/anchors.md B.13), found by trying the other side.
    /// </summary>
    internal static async Task<IReadOnlyList<DoctorCheck>> ThisMachineAsync(
        IPAddress target, int port, bool udp, PortState state, IReadOnlyList<LocalAddress> local, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var protocol = udp ? PortProtocol.Udp : PortProtocol.Tcp;
        var owners = PortOwnerLookup.ForCurrentOs().FindOwners(protocol, port);
        var proto = udp ? "udp" : "tcp";
        if (owners.Count > 0)
        {
            var names = string.Join(", ", owners.Select(o => o.ProcessName is null ? $"pid {o.ProcessId}" : $"{o.ProcessName} (pid {o.ProcessId})").Distinct());
            checks.Add(new DoctorCheck("listener", CheckStatus.Info, $"on this machine, port {port}/{proto} is held by {names}."));
        }
        else if (state is PortState.Closed)
        {
            checks.Add(new DoctorCheck(
                "listener", CheckStatus.Failed, $"nothing on this machine listens on port {port}/{proto}.",
                $"Start the server (e.g. netprog {(udp ? "echo-server --udp" : "echo-server")} --port {port}), and check it with 'netstat -na | grep {port}'."));
        }

        if (udp)
        {
            return checks;
        }

        // The other side of the machine: loopback when asked about a LAN address, a LAN address when asked about loopback.
        var other = IPAddress.IsLoopback(target)
            ? local.FirstOrDefault(l => l.IsUp && l.Scope is not AddressScope.Loopback and not AddressScope.LinkLocal && l.Address.AddressFamily == target.AddressFamily)?.Address
            : target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        if (other is null)
        {
            return checks;
        }

        var (otherState, _, connected) = await ProbeTcpAsync(new IPEndPoint(other, port), timeout, cancellationToken).ConfigureAwait(false);
        connected?.Dispose();
        if (IPAddress.IsLoopback(target) && state == PortState.Open && otherState == PortState.Closed)
        {
            checks.Add(new DoctorCheck(
                "listener", CheckStatus.Warning,
                $"the server answers on {target} but not on this machine's address {EndPointText.Format(other)}: it listens on loopback only, so other machines cannot reach it.",
                "Restart it listening on all addresses (leave out --bind 127.0.0.1; in C, bind INADDR_ANY)."));
        }
        else if (!IPAddress.IsLoopback(target) && state == PortState.Closed && otherState == PortState.Open)
        {
            checks.Add(new DoctorCheck(
                "listener", CheckStatus.Failed,
                $"the server answers on {EndPointText.Format(other)} but not on {EndPointText.Format(target)}: it listens on loopback only.",
                "Restart it listening on all addresses (leave out --bind 127.0.0.1; in C, bind INADDR_ANY)."));
        }

        return checks;
    }
}
