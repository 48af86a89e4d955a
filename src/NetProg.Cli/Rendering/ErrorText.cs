using NetProg.Diagnostics;
using NetProg.Services.Clients;
using NetProg.Transport;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Rendering;

/// <summary>
/// One line, in plain words, for each way a connection or a bind fails: what happened, what it means, what to check. The
/// distinctions follow how nmap decides port states from connect() results (nmap(1), "Port Scanning Basics"; nmap's
/// scan_engine_connect.cc).
/// </summary>
internal static class ErrorText
{
    /// <param name="e">What failed.</param>
    /// <param name="owners">Who holds a port that is in use, when known.</param>
    /// <param name="portOption">The option of the command that was run that chooses its port (<c>--listen</c> for forward).</param>
    public static string Describe(NetworkException e, IPortOwnerLookup? owners = null, string portOption = "--port")
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
                    string.Format(Strings.Error_Bind_AddressInUse, port, proto, Owner(owners, e, port), portOption),
                SocketErrorKind.AccessDenied =>
                    string.Format(Strings.Error_Bind_AccessDenied, port, proto, portOption),
                SocketErrorKind.AddressNotAvailable =>
                    string.Format(Strings.Error_Bind_AddressNotAvailable, where, EndPointText.Format(e.EndPoint!.Address)),
                SocketErrorKind.AddressFamilyNotSupported =>
                    string.Format(Strings.Error_Bind_AddressFamilyNotSupported, where, e.EndPoint?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4"),
                _ => string.Format(Strings.Error_Bind_Other, where, e.Message),
            };
        }

        return e.Kind switch
        {
            SocketErrorKind.HostNotFound =>
                string.Format(Strings.Error_HostNotFound, e.Host, detail),
            // Windows reports an ICMP port unreachable on a UDP socket as WSAECONNRESET ("On a UDP-datagram socket this error
            // indicates a previous send operation resulted in an ICMP Port Unreachable message", Windows Sockets Error Codes):
            // UDP has no connection to reset, so it is the same "nothing listens there".
            SocketErrorKind.ConnectionRefused or SocketErrorKind.ConnectionReset when e.Protocol == TransportProtocol.Udp =>
                string.Format(Strings.Error_Udp_Refused, where, detail),
            SocketErrorKind.ConnectionRefused =>
                string.Format(Strings.Error_Tcp_Refused, where, port, detail),
            SocketErrorKind.TimedOut when e.Operation == NetworkOperation.Resolve =>
                string.Format(Strings.Error_Resolve_TimedOut, e.Host, e.Detail ?? Strings.Error_Resolve_NoAnswer),
            SocketErrorKind.TimedOut when e.Protocol == TransportProtocol.Udp =>
                string.Format(Strings.Error_Udp_TimedOut, where, detail),
            SocketErrorKind.TimedOut when e.Operation == NetworkOperation.Connect =>
                string.Format(Strings.Error_Connect_TimedOut, where, detail),
            SocketErrorKind.TimedOut =>
                string.Format(Strings.Error_TimedOut, where, detail),
            SocketErrorKind.HostUnreachable when e.Protocol == TransportProtocol.Udp =>
                string.Format(Strings.Error_Udp_HostUnreachable, where, detail),
            SocketErrorKind.HostUnreachable =>
                string.Format(Strings.Error_HostUnreachable, where, detail),
            SocketErrorKind.NetworkUnreachable =>
                string.Format(Strings.Error_NetworkUnreachable, where, detail),
            SocketErrorKind.ConnectionReset =>
                string.Format(Strings.Error_ConnectionReset, where, detail),
            SocketErrorKind.ConnectionAborted =>
                string.Format(Strings.Error_ConnectionAborted, where, detail),
            SocketErrorKind.AddressNotAvailable when e.Protocol == TransportProtocol.Udp =>
                string.Format(Strings.Error_Udp_AddressNotAvailable, where, detail),
            SocketErrorKind.AddressNotAvailable =>
                string.Format(Strings.Error_Connect_AddressNotAvailable, where, detail),
            SocketErrorKind.MessageTooLong =>
                string.Format(Strings.Error_MessageTooLong, where, detail),
            _ => $"{where}: {e.Message}",
        };
    }

    /// <summary>
    /// A server that answered as another service: what it answered, what that looks like, and where the lab keeps the
    /// service that was meant (the lab serves time on P, echo on P+1, echo with login on P+2).
    /// </summary>
    /// <param name="bench">From <c>netprog bench</c>, which cannot log in: the advice for the login server differs.</param>
    public static string Describe(WrongServiceException e, bool bench = false)
    {
        var where = EndPointText.Format(e.Server, e.Protocol);
        var port = e.Server.Port;
        var reply = e.Reply;
        return (e.Expected, reply.Kind) switch
        {
            (ExpectedService.Echo, ForeignReplyKind.Time) =>
                string.Format(Strings.Error_WrongService_EchoTime, where, reply.Text) + LabHint(Strings.Error_WrongService_LabEcho, port + 1),
            (ExpectedService.Echo, ForeignReplyKind.LoginReply) =>
                string.Format(bench ? Strings.Error_WrongService_EchoLoginBench : Strings.Error_WrongService_EchoLogin, where, reply.Text),
            (ExpectedService.Echo, ForeignReplyKind.Empty) =>
                string.Format(Strings.Error_WrongService_EchoEmpty, where, e.RequestBytes),
            (ExpectedService.Echo, _) =>
                string.Format(Strings.Error_WrongService_EchoOther, where, reply.Text, reply.Bytes),
            (ExpectedService.Time, ForeignReplyKind.LoginReply) =>
                string.Format(Strings.Error_WrongService_TimeLogin, where, reply.Text) + LabHint(Strings.Error_WrongService_LabTime, port - 2),
            (ExpectedService.Time, ForeignReplyKind.Empty) when e.Protocol == TransportProtocol.Tcp =>
                string.Format(Strings.Error_WrongService_TimeSilent, where, Seconds(e.Silence)) + LabHint(Strings.Error_WrongService_LabTime, port - 1),
            _ =>
                string.Format(Strings.Error_WrongService_TimeEcho, where) + LabHint(Strings.Error_WrongService_LabTime, port - 1),
        };
    }

    private static string LabHint(string format, int port) => port is > 0 and <= 65535 ? string.Format(format, port) : string.Empty;

    private static string Seconds(TimeSpan value) => $"{value.TotalSeconds:0.###} s";

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

        var names = string.Join(", ", list.Select(o => o.ProcessName is null ? $"pid {o.ProcessId}" : $"{PrintableText.Printable(o.ProcessName)} (pid {o.ProcessId})").Distinct());
        return string.Format(Strings.Error_Bind_Owner, names);
    }
}
