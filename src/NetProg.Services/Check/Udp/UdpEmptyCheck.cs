namespace NetProg.Services.Check.Udp;

/// <summary>
/// <c>udp-empty</c>: an empty datagram is a datagram. An echo server sends an empty one back (RFC 862: "When a datagram
/// is received, the data from it is sent back"); a time server sends the time (RFC 868 and RFC 867 over UDP answer any
/// datagram, and RFC 868 clients such as <c>rdate -u</c> send an empty one). recvfrom() returns 0 for it, which for UDP
/// is not "connection closed" (there is no connection; recv(2): "Datagram sockets ... permit zero-length datagrams").
/// Ignoring it is a WARN for an echo server (few clients send one) and a FAIL for a time server; stopping on it is a FAIL.
/// </summary>
internal sealed class UdpEmptyCheck : IServerCheck
{
    private static readonly byte[] Control = UdpPayloads.Text("Enetprog udp-empty\n");
    private static readonly byte[] FollowUp = UdpPayloads.Text("Fnetprog udp-empty again\n");

    public string Id => CheckIds.UdpEmpty;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var echo = context.Kind == CheckKind.UdpEchoServer;

        // A datagram with data first: this client is served at all, and an echo's buffer holds something known.
        using (var first = UdpPeer.Open(context.EndPoint))
        {
            var control = await first.ExchangeAsync(Control, null, context.Timeout, cancellationToken).ConfigureAwait(false);
            if (UdpFindings.Trouble(Id, context, first, control, Control) is { } trouble)
            {
                return trouble;
            }
        }

        // Then the empty one, from a new port, where no late reply to the first can arrive.
        using var peer = UdpPeer.Open(context.EndPoint);
        var empty = await peer.ExchangeAsync(ReadOnlyMemory<byte>.Empty, null, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (empty.Error is not null || empty.Flooded)
        {
            return UdpFindings.Trouble(Id, context, peer, empty, [])!;
        }

        if (empty.Reply is { } reply)
        {
            return Answered(echo, reply.Data);
        }

        if (!context.ServerAlive())
        {
            return CheckResult.Fail(Id, UdpServerText.Empty_Exited_Observed, UdpServerText.Empty_Stopped_Cause, UdpServerText.Empty_Stopped_Fix);
        }

        // No reply: ignored, or the server stopped serving? A datagram with data tells (a late empty reply is no answer to it).
        var next = await peer.ExchangeAsync(FollowUp, d => d.Length == 0, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (next.Reply is not null)
        {
            var observed = UdpFindings.Format(UdpServerText.Empty_Ignored_Observed, ServerChecker.Seconds(context.Timeout), UdpFindings.Describe(FollowUp));
            return echo
                ? CheckResult.Warn(Id, observed, UdpServerText.Empty_Ignored_Cause_Echo, UdpServerText.Empty_Ignored_Fix_Echo)
                : CheckResult.Fail(Id, observed, UdpServerText.Empty_Ignored_Cause_Time, UdpServerText.Empty_Ignored_Fix_Time);
        }

        var stopped = context.ServerAlive()
            ? UdpFindings.Format(UdpServerText.Empty_Stopped_Observed, UdpFindings.Describe(FollowUp))
            : UdpServerText.Empty_Exited_Observed;
        return CheckResult.Fail(Id, stopped, UdpServerText.Empty_Stopped_Cause, UdpServerText.Empty_Stopped_Fix);
    }

    private CheckResult Answered(bool echo, byte[] reply)
    {
        if (echo)
        {
            return reply.Length == 0
                ? CheckResult.Pass(Id, UdpServerText.Empty_EchoPass)
                : CheckResult.Fail(
                    Id,
                    UdpFindings.Format(UdpServerText.Empty_EchoData_Observed, UdpFindings.Describe(Control), UdpFindings.Back(reply)),
                    UdpServerText.Empty_EchoData_Cause,
                    UdpServerText.Stale_Fix);
        }

        return reply.Length > 0
            ? CheckResult.Pass(Id, UdpFindings.Format(UdpServerText.Empty_TimePass, UdpFindings.Describe(reply)))
            : CheckResult.Fail(Id, UdpServerText.Empty_TimeEmpty_Observed, UdpServerText.Empty_TimeEmpty_Cause, UdpServerText.Empty_TimeEmpty_Fix);
    }
}
