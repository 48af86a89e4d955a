using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

public static partial class Doctor
{
    /// <summary>One connect() within the timeout, its result classified as nmap's connect scan does (nmap reference guide, "-sT").</summary>
    internal static async Task<(PortState State, DoctorCheck Check, Socket? Connected)> ProbeTcpAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            return (PortState.Open, Port(CheckStatus.Passed, DoctorFinding.TcpOpen, Where(endPoint, TransportProtocol.Tcp, start)), socket);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            // Windows takes ~2 s to report a refusal even on loopback (libuv/libuv#2896, nmap/nmap#2113): a shorter wait would
            // call it filtered.
            var facts = Where(endPoint, TransportProtocol.Tcp, start) with
            {
                WindowsSlowToRefuse = OperatingSystem.IsWindows() && timeout < TimeSpan.FromSeconds(2.5) ? true : null,
            };
            return (PortState.Filtered, Port(CheckStatus.Failed, DoctorFinding.TcpFiltered, facts, FixCode.CheckFirewallAndForwarding), null);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var kind = SocketErrors.Classify(e);
            var facts = Where(endPoint, TransportProtocol.Tcp, start);
            return kind switch
            {
                SocketErrorKind.ConnectionRefused => (PortState.Closed, Port(CheckStatus.Failed, DoctorFinding.TcpClosed, facts, FixCode.StartServerOrCheckPort), null),
                SocketErrorKind.HostUnreachable or SocketErrorKind.NetworkUnreachable or SocketErrorKind.AccessDenied =>
                    (PortState.Unreachable, Port(CheckStatus.Failed, DoctorFinding.TcpUnreachable, facts with { Error = kind }, FixCode.CheckServerAddress), null),
                _ => (PortState.Unreachable, Port(CheckStatus.Failed, DoctorFinding.TcpError, facts with { Error = kind, ErrorMessage = e.Message }), null),
            };
        }
    }

    /// <summary>
    /// A datagram to the port (connected socket, so that ICMP port unreachable comes back as ECONNREFUSED), sent up to three
    /// times: a reply is open, a refusal closed, silence open-or-filtered (nmap reference guide, "-sU").
    /// </summary>
    internal static async Task<(PortState State, DoctorCheck Check, bool Answered)> ProbeUdpAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var (socket, reply) = await Transport.Client.UdpClientSocket.OpenAsync(
                EndPointText.Format(endPoint.Address), endPoint.Port, ProbeBytes, timeout, accept: null, cancellationToken).ConfigureAwait(false);
            socket.Dispose();
            var facts = Where(endPoint, TransportProtocol.Udp, start);
            return (PortState.Open, DatagramReply(reply.Data, facts), true);
        }
        catch (NetworkException e) when (e.Kind == SocketErrorKind.ConnectionRefused)
        {
            return (PortState.Closed, Port(CheckStatus.Failed, DoctorFinding.UdpClosed, Where(endPoint, TransportProtocol.Udp, start), FixCode.StartUdpServer), false);
        }
        catch (NetworkException e) when (e.Kind == SocketErrorKind.TimedOut)
        {
            return (PortState.OpenOrFiltered, Port(CheckStatus.Warning, DoctorFinding.UdpOpenOrFiltered, Where(endPoint, TransportProtocol.Udp, start), FixCode.CheckUdpServerAndFirewall), false);
        }
        catch (NetworkException e)
        {
            return (PortState.Unreachable, Port(CheckStatus.Failed, DoctorFinding.UdpUnreachable, Where(endPoint, TransportProtocol.Udp, start) with { Error = e.Kind }), false);
        }
    }

    private static DoctorCheck Port(CheckStatus status, DoctorFinding finding, DoctorFacts facts, FixCode? fix = null) =>
        new(DoctorCheckId.Port, status, finding, facts, fix is { } code ? new DoctorFix(code) : null);

    private static DoctorFacts Where(IPEndPoint endPoint, TransportProtocol protocol, long start) => new()
    {
        Address = endPoint.Address,
        Port = endPoint.Port,
        Protocol = protocol,
        ElapsedMilliseconds = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3),
    };
}
