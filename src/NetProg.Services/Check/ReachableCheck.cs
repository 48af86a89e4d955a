using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
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

            await socket.SendAsync(UdpProbe, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var reply = new byte[65536];
            await socket.ReceiveAsync(reply, SocketFlags.None, deadline.Token).ConfigureAwait(false);
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

    private async Task<CheckResult> ExplainAsync(ServerCheckContext context, bool udp, CancellationToken cancellationToken)
    {
        var endPoint = context.EndPoint;
        var host = EndPointText.Format(endPoint.Address);
        var report = await Doctor.RunAsync(new DoctorRequest(host, endPoint.Port, udp, context.Timeout), cancellationToken).ConfigureAwait(false);
        var finding = report.Checks.FirstOrDefault(c => c.Step is "port" or "service" && c.Status is CheckStatus.Failed or CheckStatus.Warning)
            ?? report.Checks.FirstOrDefault(c => c.Status is CheckStatus.Failed);
        var cause = string.Format(CultureInfo.CurrentCulture, udp ? CheckText.Reachable_Cause_Udp : CheckText.Reachable_Cause_Tcp, EndPointText.Format(endPoint));
        var fix = finding?.Advice ?? string.Format(CultureInfo.CurrentCulture, CheckText.Reachable_Fix, endPoint.Port);
        var observed = finding?.Finding ?? string.Format(CultureInfo.CurrentCulture, CheckText.Check_TimedOut, ServerChecker.Seconds(context.Timeout));
        return CheckResult.Fail(Id, observed, cause, fix);
    }

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.CurrentCulture) + " ms";
}
