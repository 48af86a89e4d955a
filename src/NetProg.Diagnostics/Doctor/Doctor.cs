using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// <c>netprog doctor HOST [PORT]</c>: why a client can or cannot reach a server, step by step, in the order a person would
/// check — the name, the path, the port, what answers — with the course's usual causes as hints. Returns data only
/// (<see cref="DoctorReport"/>): the CLI says it in English or Korean, or writes it as JSON.
/// </summary>
public static partial class Doctor
{
    public static async Task<DoctorReport> RunAsync(DoctorRequest request, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var protocol = request.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp;

        // 1. Name resolution: every address.
        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await HostResolver.ResolveAsync(request.Host, request.Timeout, protocol, cancellationToken).ConfigureAwait(false);
        }
        catch (NetworkException e)
        {
            checks.Add(new DoctorCheck(
                DoctorCheckId.Name, CheckStatus.Failed, DoctorFinding.NameDoesNotResolve,
                new DoctorFacts { Host = request.Host, ErrorMessage = e.Detail },
                new DoctorFix(FixCode.CheckName)));
            return new DoctorReport(request.Host, request.Port, request.Udp, checks, null, false);
        }

        var literal = EndPointText.TryParseAddress(request.Host, out _);
        checks.Add(literal
            ? new DoctorCheck(DoctorCheckId.Name, CheckStatus.Passed, DoctorFinding.NameIsAddress, new DoctorFacts { Host = request.Host })
            : new DoctorCheck(DoctorCheckId.Name, CheckStatus.Passed, DoctorFinding.NameResolves, new DoctorFacts { Host = request.Host, Addresses = addresses }));

        var target = addresses[0];
        var local = LocalAddresses.List();

        // 2. The path: which local address the OS would use, and whether the host is on a directly connected network.
        var path = PathTo(target, local);
        checks.Add(path.Check);

        // 7 (early, so they read next to the path). Hints from the addresses alone.
        checks.AddRange(AddressHints.For(target, path.Source, local));

        if (request.Port is not { } port)
        {
            return new DoctorReport(request.Host, null, request.Udp, checks, null, false);
        }

        var endPoint = new IPEndPoint(target, port);
        var isThisMachine = IPAddress.IsLoopback(target) || local.Any(l => l.Address.Equals(target));

        PortState state;
        var answered = false;
        if (request.Udp)
        {
            // 6. UDP: a reply is open, ICMP port unreachable is closed, silence proves nothing.
            (state, var check, answered) = await ProbeUdpAsync(endPoint, request.Timeout, cancellationToken).ConfigureAwait(false);
            checks.Add(check);
        }
        else
        {
            // 4. TCP, classified as nmap classifies connect() results.
            (state, var check, var connected) = await ProbeTcpAsync(endPoint, request.Timeout, cancellationToken).ConfigureAwait(false);
            checks.Add(check);
            if (connected is not null)
            {
                // 5. What answers on an open port.
                using (connected)
                {
                    var identity = await IdentifyAsync(connected, request.Timeout, cancellationToken).ConfigureAwait(false);
                    checks.Add(identity);
                    answered = true;
                }
            }
        }

        // 3. On this machine: who listens, and on which address.
        if (isThisMachine)
        {
            checks.AddRange(await ThisMachineAsync(target, port, request.Udp, request.Program, state, local, request.Timeout, cancellationToken).ConfigureAwait(false));
            // 8. The local firewall, where it can be read: what other machines' packets will meet.
            checks.AddRange(LocalFirewall.Inspect(port, request.Udp));
            checks.Add(new DoctorCheck(
                DoctorCheckId.Firewall, CheckStatus.Info, DoctorFinding.FirewallTestedLocally, DoctorFacts.None,
                new DoctorFix(FixCode.RunFromClient) { Port = port, Protocol = protocol, Program = request.Program }));
        }

        return new DoctorReport(request.Host, port, request.Udp, checks, state, answered);
    }
}
