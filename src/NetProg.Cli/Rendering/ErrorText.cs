using NetProg.Diagnostics;
using NetProg.Transport;

namespace NetProg.Cli.Rendering;

/// <summary>
/// One line, in plain words, for each way a connection or a bind fails: what happened, what it means, what to check. The
/// distinctions follow how nmap decides port states from connect() results (research/anchors.md A.7).
/// </summary>
internal static class ErrorText
{
    public static string Describe(NetworkException e, IPortOwnerLookup? owners = null)
    {
        var proto = e.Protocol == TransportProtocol.Tcp ? "tcp" : "udp";
        var where = e.EndPoint is { } ep ? EndPointText.Format(ep, e.Protocol) : e.Host ?? "?";
        var port = e.EndPoint?.Port;
        var detail = e.Detail is null ? string.Empty : $" ({e.Detail})";

        if (e.Operation == NetworkOperation.Bind)
        {
            return e.Kind switch
            {
                SocketErrorKind.AddressInUse =>
                    $"port {port}/{proto} is already in use{Owner(owners, e, port)}: another server is listening there. Stop it, or choose another port with --port.",
                SocketErrorKind.AccessDenied =>
                    $"permission denied for port {port}/{proto}: ports below 1024 need administrator rights (sudo on Linux and macOS). Use a port of 1024 or above, such as --port 30000.",
                SocketErrorKind.AddressNotAvailable =>
                    $"cannot listen on {where}: {EndPointText.Format(e.EndPoint!.Address)} is not an address of this machine. See this machine's addresses with 'ip a' (Windows: ipconfig), or leave out --bind to listen on all of them.",
                SocketErrorKind.AddressFamilyNotSupported =>
                    $"cannot listen on {where}: this machine has no {(e.EndPoint?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")}. Use --bind with an address of the other family.",
                _ => $"cannot listen on {where}: {e.Message}",
            };
        }

        return e.Kind switch
        {
            SocketErrorKind.HostNotFound =>
                $"unknown host '{e.Host}': the name does not resolve{detail}. Check the spelling, or use an IP address such as 192.168.0.10.",
            SocketErrorKind.ConnectionRefused when e.Protocol == TransportProtocol.Udp =>
                $"nothing is listening on {where}: the host answered with ICMP port unreachable{detail}. Is the server running, with --udp, on this port?",
            SocketErrorKind.ConnectionRefused =>
                $"connection refused by {where}: the host is up but nothing is listening on port {port}{detail}. Is the server running, on this port, on this address? (check on the server with 'netstat -na | grep {port}')",
            SocketErrorKind.TimedOut when e.Operation == NetworkOperation.Resolve =>
                $"unknown host '{e.Host}': {e.Detail ?? "the name resolver did not answer"}.",
            SocketErrorKind.TimedOut when e.Protocol == TransportProtocol.Udp =>
                $"no reply from {where}{detail}: UDP reports nothing when the server is down, not started with --udp, or a firewall drops the datagrams. Check the server, then the firewall.",
            SocketErrorKind.TimedOut when e.Operation == NetworkOperation.Connect =>
                $"timed out connecting to {where}{detail}: no answer at all, so packets are being dropped: a firewall, NAT without a port-forwarding rule, or a wrong address. (A host with no server on that port would have refused at once.)",
            SocketErrorKind.TimedOut =>
                $"timed out: {where}{detail}.",
            SocketErrorKind.HostUnreachable =>
                $"host unreachable: {where}{detail}: no machine answers at that address, or a firewall rejects the connection. Check the address ('ip a' on the server) and its firewall.",
            SocketErrorKind.NetworkUnreachable =>
                $"network unreachable: {where}{detail}: this machine has no route to that network. Check the address and this machine's routes ('netstat -nr').",
            SocketErrorKind.ConnectionReset =>
                $"connection reset by {where}{detail}: the server closed the connection abruptly (it may be at its connection limit, or have stopped).",
            SocketErrorKind.ConnectionAborted =>
                $"connection to {where} aborted{detail}.",
            SocketErrorKind.AddressNotAvailable =>
                $"cannot connect to {where}: no local address or port is available for it{detail}.",
            SocketErrorKind.MessageTooLong =>
                $"datagram too large for {where}{detail}.",
            _ => $"{where}: {e.Message}",
        };
    }

    private static string Owner(IPortOwnerLookup? owners, NetworkException e, int? port)
    {
        if (owners is null || port is not { } p)
        {
            return string.Empty;
        }

        var list = owners.FindOwners(e.Protocol == TransportProtocol.Tcp ? PortProtocol.Tcp : PortProtocol.Udp, p);
        if (list.Count == 0)
        {
            return string.Empty;
        }

        var names = string.Join(", ", list.Select(o => o.ProcessName is null ? $"pid {o.ProcessId}" : $"{o.ProcessName} (pid {o.ProcessId})").Distinct());
        return $" by {names}";
    }
}
