using NetProg.Diagnostics.Doctor;
using NetProg.Transport;

namespace NetProg.Services.Check;

/// <summary>
/// <c>reachable</c>: a TCP connection is accepted, or a UDP datagram answered. When not, the doctor's finding for the
/// port says why in its words (refused, filtered, unreachable, as nmap classes them) and its advice is the fix.
/// </summary>
internal sealed class ReachableCheck : IServerCheck
{
    private static readonly byte[] UdpProbe = Encoding.ASCII.GetBytes("netprog check\n");

    public string Id => CheckIds.Reachable;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var endPoint = context.EndPoint;
        var where = EndPointText.Format(endPoint);
        var udp = CheckKinds.IsUdp(context.Kind);
        var start = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(context.Timeout);
        using var socket = udp
            ? new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            if (!udp)
            {
                var connected = Stopwatch.GetElapsedTime(start);
                try
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // The server accepted and already closed or reset (ENOTCONN): it was reached all the same; what it does
                    // with a connection is the other checks' business.
                }

                return CheckResult.Pass(Id, string.Format(CultureInfo.CurrentCulture, CheckText.Reachable_Tcp, where, Milliseconds(connected)));
            }

            await AnsweredAsync(socket, endPoint, deadline).ConfigureAwait(false);
            return CheckResult.Pass(Id, string.Format(CultureInfo.CurrentCulture, CheckText.Reachable_Udp, where, Milliseconds(Stopwatch.GetElapsedTime(start))));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await ExplainAsync(context, udp, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return await ExplainAsync(context, udp, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for an answer to the probe. The connected socket hears "port unreachable" at once (ECONNREFUSED) but only a
    /// reply from the very address and port it sent to (connect(2)); a second, unconnected socket sends the probe too and
    /// takes a reply from any port, so that a server replying from another socket counts as answering (udp-reply-source
    /// says what is wrong with that). Returns when either got a datagram; throws as the connected receive does.
    /// </summary>
    private static async Task AnsweredAsync(Socket connected, IPEndPoint endPoint, CancellationTokenSource deadline)
    {
        using var loose = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var any = new IPEndPoint(endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        loose.Bind(any);
        await connected.SendAsync(UdpProbe, SocketFlags.None, deadline.Token).ConfigureAwait(false);
        await loose.SendToAsync(UdpProbe, SocketFlags.None, endPoint, deadline.Token).ConfigureAwait(false);
        var direct = connected.ReceiveAsync(new byte[65536], SocketFlags.None, deadline.Token).AsTask();
        var other = loose.ReceiveFromAsync(new byte[65536], SocketFlags.None, any, deadline.Token).AsTask();

        // The receive that loses ends when its socket is closed: its exception is observed here, not left to the finalizer.
        foreach (var receive in new Task[] { direct, other })
        {
            _ = receive.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        var first = await Task.WhenAny(direct, other).ConfigureAwait(false);
        if (first == other && other.IsFaulted)
        {
            // Windows reports ICMP errors on an unconnected socket too; the connected socket's outcome decides then.
            await direct.ConfigureAwait(false);
            return;
        }

        await first.ConfigureAwait(false);
    }

    private async Task<CheckResult> ExplainAsync(ServerCheckContext context, bool udp, CancellationToken cancellationToken)
    {
        var endPoint = context.EndPoint;
        var host = EndPointText.Format(endPoint.Address);
        var report = await Doctor.RunAsync(new DoctorRequest(host, endPoint.Port, udp, context.Timeout), cancellationToken).ConfigureAwait(false);
        var finding = report.Checks.FirstOrDefault(c => c.Id is DoctorCheckId.Port or DoctorCheckId.Service && c.Status is CheckStatus.Failed or CheckStatus.Warning)
            ?? report.Checks.FirstOrDefault(c => c.Status is CheckStatus.Failed);
        var cause = string.Format(CultureInfo.CurrentCulture, udp ? CheckText.Reachable_Cause_Udp : CheckText.Reachable_Cause_Tcp, EndPointText.Format(endPoint));
        var (said, advice) = finding is null ? (null, null) : Words(context.Options, finding, report, endPoint, udp);
        var fix = advice ?? string.Format(CultureInfo.CurrentCulture, CheckText.Reachable_Fix, endPoint.Port);
        var observed = said ?? string.Format(CultureInfo.CurrentCulture, CheckText.Check_TimedOut, ServerChecker.Seconds(context.Timeout));
        return CheckResult.Fail(Id, observed, cause, fix);
    }

    // Without the CLI's words, the stable names: "127.0.0.1:30000/tcp: closed (tcpClosed)".
    private static (string? Finding, string? Advice) Words(CheckOptions options, DoctorCheck finding, DoctorReport report, IPEndPoint endPoint, bool udp)
    {
        if (options.DoctorWords is { } words)
        {
            return words(finding);
        }

        var where = EndPointText.Format(endPoint, udp ? TransportProtocol.Udp : TransportProtocol.Tcp);
        var state = report.State is { } portState ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(portState.ToString()) : finding.Status.ToString();
        return ($"{where}: {state} ({System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(finding.Finding.ToString())})", null);
    }

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.CurrentCulture) + " ms";
}
