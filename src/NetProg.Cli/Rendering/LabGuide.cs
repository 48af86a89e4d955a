using System.Net;
using NetProg.Diagnostics;
using NetProg.Transport;

namespace NetProg.Cli.Rendering;

/// <summary>
/// The commands a student can paste to try the lab, from this machine and from another one on the network, with this
/// machine's real addresses, and the hints the course's Q&amp;A keeps needing (firewall, NAT, bridged networking).
/// </summary>
internal static class LabGuide
{
    public static IEnumerable<string> Lines(LabPorts ports, string db, IReadOnlyList<string> binds, IReadOnlyList<LocalAddress> addresses)
    {
        var (timePort, echoPort, loginPort) = ports;
        var dbArgument = db.Contains(' ', StringComparison.Ordinal) ? $"\"{db}\"" : db;
        yield return string.Empty;
        yield return "Try from this machine:";
        yield return $"  netprog time-client 127.0.0.1 {timePort}";
        yield return $"  netprog time-client 127.0.0.1 {timePort} --udp";
        yield return $"  netprog echo-client 127.0.0.1 {echoPort}";
        yield return $"{$"  nc 127.0.0.1 {echoPort}",-44} (netcat: type lines; Ctrl+D ends)";
        yield return $"{$"  nc -u 127.0.0.1 {echoPort}",-44} (UDP echo)";
        yield return $"{$"  netstat -na | grep {timePort}",-44} (the listening sockets; Windows: netstat -na | find \"{timePort}\")";
        yield return string.Empty;
        yield return "Echo with login (the homework), after adding a user to the lab's accounts:";
        yield return $"  netprog users add alice --db {dbArgument}";
        yield return $"  netprog echo-client 127.0.0.1 {loginPort} --user alice";
        yield return $"{$"  nc 127.0.0.1 {loginPort}",-44} (type USER alice, PASS <password>, then lines; QUIT ends)";

        var loopbackOnly = binds.Count > 0 && binds.All(b => EndPointText.TryParseAddress(b, out var a) && IPAddress.IsLoopback(a));
        // IPv6 link-local addresses (fe80::/10) exist on every interface and need a zone index to be used: not worth showing.
        var remote = addresses
            .Where(a => a.IsUp && a.Scope is not AddressScope.Loopback)
            .Where(a => !(a.Scope == AddressScope.LinkLocal && a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
            .ToList();
        yield return string.Empty;
        if (loopbackOnly)
        {
            yield return "Bound to loopback only (--bind): other machines cannot reach this lab. Leave out --bind to allow them.";
            yield break;
        }

        if (remote.Count == 0)
        {
            yield return "This machine has no network address besides loopback: other machines cannot reach it.";
            yield break;
        }

        yield return "Try from another machine:";
        foreach (var address in remote.Take(4))
        {
            yield return $"{$"  netprog time-client {address.Address} {timePort}",-44} ({address.InterfaceName}{Note(address.Scope)})";
        }

        yield return $"  If it times out: a firewall on this machine, or NAT in between (a VM in NAT mode needs port forwarding for ports {timePort}-{loginPort}; bridged mode avoids it).";
        yield return "  The login echo has no TLS here: passwords cross the network in clear text (see them in Wireshark). Use echo-server --login --tls for real use.";
    }

    private static string Note(AddressScope scope) => scope switch
    {
        AddressScope.LinkLocal => ", link-local: no DHCP answer on this interface",
        AddressScope.SharedCgnat => ", carrier-grade NAT: not reachable from the Internet",
        AddressScope.Public => ", public address",
        _ => string.Empty,
    };
}
