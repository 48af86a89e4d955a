using System.Net;
using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// <c>netprog doctor HOST [PORT]</c>: why a client can or cannot reach a server, step by step, in the order a person would
/// check — the name, the path, the port, what answers — with the causes the course's students meet most as hints
/// (docs/DOCTOR.md, step 7).
/// </summary>
public static partial class Doctor
{
    public static async Task<DoctorReport> RunAsync(DoctorRequest request, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();

        // 1. Name resolution: every address.
        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await HostResolver.ResolveAsync(request.Host, request.Timeout, request.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp, cancellationToken).ConfigureAwait(false);
        }
        catch (NetworkException e)
        {
            checks.Add(new DoctorCheck("name", CheckStatus.Failed, string.Format(Strings.Name_DoesNotResolve, request.Host, e.Detail is null ? string.Empty : $" ({e.Detail})"), Strings.Name_DoesNotResolve_Advice));
            return new DoctorReport(request.Host, request.Port, request.Udp, checks, null, false);
        }

        var literal = EndPointText.TryParseAddress(request.Host, out _);
        checks.Add(new DoctorCheck("name", CheckStatus.Passed, literal
            ? string.Format(Strings.Name_IsAddress, request.Host)
            : string.Format(Strings.Name_Resolves, request.Host, string.Join(", ", addresses.Select(EndPointText.Format)))));

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
                "firewall", CheckStatus.Info,
                Strings.Firewall_TestedLocally,
                string.Format(Strings.Firewall_TestedLocally_Advice, port, request.Udp ? " --udp" : string.Empty, request.Program)));
        }

        return new DoctorReport(request.Host, port, request.Udp, checks, state, answered);
    }
}
