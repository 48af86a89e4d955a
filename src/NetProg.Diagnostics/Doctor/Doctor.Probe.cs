using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

public static partial class Doctor
{
    /// <summary>One connect() within the timeout, its result classified as nmap's connect scan does (research/anchors.md A.7).</summary>
    internal static async Task<(PortState State, DoctorCheck Check, Socket? Connected)> ProbeTcpAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var where = EndPointText.Format(endPoint, TransportProtocol.Tcp);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            return (PortState.Open, new DoctorCheck("port", CheckStatus.Passed, $"{where} is open: a server accepted the connection in {Elapsed(start)}."), socket);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            // Windows takes ~2 s to report a refusal even on loopback (research/anchors.md B.1): a shorter wait would call it filtered.
            var windows = OperatingSystem.IsWindows() && timeout < TimeSpan.FromSeconds(2.5)
                ? " (on Windows allow at least 2.5 s: it is slow to report a refusal)"
                : string.Empty;
            return (PortState.Filtered, new DoctorCheck(
                "port", CheckStatus.Failed,
                $"{where} is filtered: no answer at all within {Elapsed(start)}{windows}. Something drops the packets: a firewall, NAT without a port-forwarding rule, or an address where no machine is.",
                "Check the server's firewall for this port, and the router's port forwarding when the server is behind NAT."), null);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var kind = SocketErrors.Classify(e);
            return kind switch
            {
                SocketErrorKind.ConnectionRefused => (PortState.Closed, new DoctorCheck(
                    "port", CheckStatus.Failed,
                    $"{where} is closed: the host answered in {Elapsed(start)} that nothing listens on port {endPoint.Port}.",
                    "Start the server, or check its port; a server bound to 127.0.0.1 only cannot be reached from another machine."), null),
                SocketErrorKind.HostUnreachable or SocketErrorKind.NetworkUnreachable or SocketErrorKind.AccessDenied => (PortState.Unreachable, new DoctorCheck(
                    "port", CheckStatus.Failed,
                    $"{where} is unreachable ({Describe(kind)}, after {Elapsed(start)}): a wrong address, a machine that is off, or a firewall that rejects.",
                    "Check the address on the server ('ip a'; Windows: ipconfig) and its firewall."), null),
                _ => (PortState.Unreachable, new DoctorCheck("port", CheckStatus.Failed, $"{where}: {e.Message} after {Elapsed(start)}."), null),
            };
        }
    }

    /// <summary>
    /// A datagram to the port (connected socket, so that ICMP port unreachable comes back as ECONNREFUSED), sent up to three
    /// times: a reply is open, a refusal closed, silence open-or-filtered (nmap's UDP scan).
    /// </summary>
    internal static async Task<(PortState State, DoctorCheck Check, bool Answered)> ProbeUdpAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var where = EndPointText.Format(endPoint, TransportProtocol.Udp);
        var start = Stopwatch.GetTimestamp();
        try
        {
            var (socket, reply) = await Transport.Client.UdpClientSocket.OpenAsync(
                EndPointText.Format(endPoint.Address), endPoint.Port, ProbeBytes, timeout, accept: null, cancellationToken).ConfigureAwait(false);
            socket.Dispose();
            var what = DescribeDatagramReply(reply.Data);
            return (PortState.Open, new DoctorCheck("port", CheckStatus.Passed, $"{where} is open: a reply came back in {Elapsed(start)}; {what}."), true);
        }
        catch (NetworkException e) when (e.Kind == SocketErrorKind.ConnectionRefused)
        {
            return (PortState.Closed, new DoctorCheck(
                "port", CheckStatus.Failed,
                $"{where} is closed: the host answered with ICMP port unreachable after {Elapsed(start)}.",
                "Start the server with --udp (or --both), on this port."), false);
        }
        catch (NetworkException e) when (e.Kind == SocketErrorKind.TimedOut)
        {
            return (PortState.OpenOrFiltered, new DoctorCheck(
                "port", CheckStatus.Warning,
                $"{where} is open or filtered: no reply in {Elapsed(start)}. UDP cannot tell apart a firewall that drops datagrams from a server that does not answer this one.",
                "Check that the server runs with --udp, and the firewall for UDP on this port; a reply is the only proof."), false);
        }
        catch (NetworkException e)
        {
            return (PortState.Unreachable, new DoctorCheck("port", CheckStatus.Failed, $"{where} is unreachable ({Describe(e.Kind)})."), false);
        }
    }

    private static string Describe(SocketErrorKind kind) => kind switch
    {
        SocketErrorKind.HostUnreachable => "host unreachable",
        SocketErrorKind.NetworkUnreachable => "no route to that network",
        SocketErrorKind.AccessDenied => "administratively prohibited",
        _ => kind.ToString(),
    };

    private static string Elapsed(long start)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        return elapsed < TimeSpan.FromSeconds(1) ? $"{elapsed.TotalMilliseconds:0.#} ms" : $"{elapsed.TotalSeconds:0.##} s";
    }
}
