using System.Net;
using System.Net.Sockets;
using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

public static partial class Doctor
{
    /// <summary>
    /// When the host is this machine: which process holds the port, and whether it answers on loopback only — the classic
    /// "works here, not from another machine" (docs/DOCTOR.md, step 3), found by trying the other side.
    /// </summary>
    internal static async Task<IReadOnlyList<DoctorCheck>> ThisMachineAsync(
        IPAddress target, int port, bool udp, string program, PortState state, IReadOnlyList<LocalAddress> local, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var protocol = udp ? PortProtocol.Udp : PortProtocol.Tcp;
        var owners = PortOwnerLookup.ForCurrentOs().FindOwners(protocol, port);
        var proto = udp ? "udp" : "tcp";
        if (owners.Count > 0)
        {
            var names = string.Join(", ", owners.Select(o => o.ProcessName is null ? $"pid {o.ProcessId}" : $"{o.ProcessName} (pid {o.ProcessId})").Distinct());
            checks.Add(new DoctorCheck("listener", CheckStatus.Info, string.Format(Strings.Listener_HeldBy, port, proto, names)));
        }
        else if (state is PortState.Closed)
        {
            checks.Add(new DoctorCheck(
                "listener", CheckStatus.Failed, string.Format(Strings.Listener_Nothing, port, proto),
                string.Format(Strings.Listener_Nothing_Advice, udp ? "echo-server --udp" : "echo-server", port, program, NetstatCommand(port))));
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
                string.Format(Strings.Listener_LoopbackOnly, target, EndPointText.Format(other)),
                Strings.Listener_LoopbackOnly_Advice));
        }
        else if (!IPAddress.IsLoopback(target) && state == PortState.Closed && otherState == PortState.Open)
        {
            checks.Add(new DoctorCheck(
                "listener", CheckStatus.Failed,
                string.Format(Strings.Listener_LoopbackOnlyLocal, EndPointText.Format(other), EndPointText.Format(target)),
                Strings.Listener_LoopbackOnly_Advice));
        }

        return checks;
    }

    /// <summary>
    /// The command that shows this machine's sockets on the port, as the course teaches it: Windows has no grep, and its
    /// find takes the text in double quotes.
    /// </summary>
    private static string NetstatCommand(int port) =>
        OperatingSystem.IsWindows() ? $"netstat -na | find \"{port}\"" : $"netstat -na | grep {port}";
}
