using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

public static partial class Doctor
{
    /// <summary>
    /// When the host is this machine: which process holds the port, and whether it answers on loopback only — the classic
    /// "works here, not from another machine" — found by trying the other side.
    /// </summary>
    internal static async Task<IReadOnlyList<DoctorCheck>> ThisMachineAsync(
        IPAddress target, int port, bool udp, string program, PortState state, IReadOnlyList<LocalAddress> local, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var protocol = udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
        var owners = PortOwnerLookup.ForCurrentOs().FindOwners(udp ? PortProtocol.Udp : PortProtocol.Tcp, port);
        if (owners.Count > 0)
        {
            IReadOnlyList<ListeningProcess> processes = [.. owners.Select(o => new ListeningProcess(o.ProcessId, o.ProcessName)).Distinct()];
            checks.Add(new DoctorCheck(
                DoctorCheckId.Listener, CheckStatus.Info, DoctorFinding.ListenerHeldBy,
                new DoctorFacts { Port = port, Protocol = protocol, Owners = processes }));
        }
        else if (state is PortState.Closed)
        {
            checks.Add(new DoctorCheck(
                DoctorCheckId.Listener, CheckStatus.Failed, DoctorFinding.ListenerNothing,
                new DoctorFacts { Port = port, Protocol = protocol },
                new DoctorFix(FixCode.StartServer) { Port = port, Protocol = protocol, Program = program }));
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
                DoctorCheckId.Listener, CheckStatus.Warning, DoctorFinding.ListenerLoopbackOnly,
                new DoctorFacts { Address = target, OtherAddress = other, Port = port, Protocol = protocol },
                new DoctorFix(FixCode.ListenOnAllAddresses)));
        }
        else if (!IPAddress.IsLoopback(target) && state == PortState.Closed && otherState == PortState.Open)
        {
            checks.Add(new DoctorCheck(
                DoctorCheckId.Listener, CheckStatus.Failed, DoctorFinding.ListenerLoopbackOnlyLocal,
                new DoctorFacts { Address = target, OtherAddress = other, Port = port, Protocol = protocol },
                new DoctorFix(FixCode.ListenOnAllAddresses)));
        }

        return checks;
    }
}
