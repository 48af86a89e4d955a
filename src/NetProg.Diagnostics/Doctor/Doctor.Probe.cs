using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

public static partial class Doctor
{
    /// <summary>
    /// One connect() within the timeout, its result classified as nmap's connect scan does (nmap's scan_engine_connect.cc;
    /// docs/DOCTOR.md, step 4).
    /// </summary>
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
            return (PortState.Open, new DoctorCheck("port", CheckStatus.Passed, string.Format(Strings.Tcp_Open, where, Elapsed(start))), socket);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            // Windows takes ~2 s to report a refusal even on loopback (libuv/libuv#2896, nmap/nmap#2113): a shorter wait would
            // call it filtered.
            var windows = OperatingSystem.IsWindows() && timeout < TimeSpan.FromSeconds(2.5)
                ? Strings.Tcp_WindowsSlow
                : string.Empty;
            return (PortState.Filtered, new DoctorCheck(
                "port", CheckStatus.Failed,
                string.Format(Strings.Tcp_Filtered, where, Elapsed(start), windows),
                Strings.Tcp_Filtered_Advice), null);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var kind = SocketErrors.Classify(e);
            return kind switch
            {
                SocketErrorKind.ConnectionRefused => (PortState.Closed, new DoctorCheck(
                    "port", CheckStatus.Failed,
                    string.Format(Strings.Tcp_Closed, where, Elapsed(start), endPoint.Port),
                    Strings.Tcp_Closed_Advice), null),
                SocketErrorKind.HostUnreachable or SocketErrorKind.NetworkUnreachable or SocketErrorKind.AccessDenied => (PortState.Unreachable, new DoctorCheck(
                    "port", CheckStatus.Failed,
                    string.Format(Strings.Tcp_Unreachable, where, Describe(kind), Elapsed(start)),
                    Strings.Tcp_Unreachable_Advice), null),
                _ => (PortState.Unreachable, new DoctorCheck("port", CheckStatus.Failed, string.Format(Strings.Tcp_Other, where, e.Message, Elapsed(start))), null),
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
            return (PortState.Open, new DoctorCheck("port", CheckStatus.Passed, string.Format(Strings.Udp_Open, where, Elapsed(start), what)), true);
        }
        catch (NetworkException e) when (e.Kind == SocketErrorKind.ConnectionRefused)
        {
            return (PortState.Closed, new DoctorCheck(
                "port", CheckStatus.Failed,
                string.Format(Strings.Udp_Closed, where, Elapsed(start)),
                Strings.Udp_Closed_Advice), false);
        }
        catch (NetworkException e) when (e.Kind == SocketErrorKind.TimedOut)
        {
            return (PortState.OpenOrFiltered, new DoctorCheck(
                "port", CheckStatus.Warning,
                string.Format(Strings.Udp_OpenOrFiltered, where, Elapsed(start)),
                Strings.Udp_OpenOrFiltered_Advice), false);
        }
        catch (NetworkException e)
        {
            return (PortState.Unreachable, new DoctorCheck("port", CheckStatus.Failed, string.Format(Strings.Udp_Unreachable, where, Describe(e.Kind))), false);
        }
    }

    private static string Describe(SocketErrorKind kind) => kind switch
    {
        SocketErrorKind.HostUnreachable => Strings.Kind_HostUnreachable,
        SocketErrorKind.NetworkUnreachable => Strings.Kind_NetworkUnreachable,
        SocketErrorKind.AccessDenied => Strings.Kind_Prohibited,
        _ => kind.ToString(),
    };

    private static string Elapsed(long start)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        return elapsed < TimeSpan.FromSeconds(1) ? $"{elapsed.TotalMilliseconds:0.#} ms" : $"{elapsed.TotalSeconds:0.##} s";
    }
}
