using NetProg.Protocols.Time;
using NetProg.Services.Clients;
using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>time-format</c>: what a time server sends must be a time a client can read: ctime() text (the course's), RFC 867
/// daytime text, ISO 8601, or RFC 868's 4 binary bytes (what <see cref="TimeReplyParser"/> reads). Over TCP the client
/// connects and sends nothing, as the course's time_client does; over UDP it sends one datagram ("time", as the course's
/// udp_time_client does). The NUL after the text that the course's server sends (strlen + 1) is noted, not failed.
/// Garbage, an echo of our bytes, or nothing is a FAIL; free text RFC 867 allows but no client can read is a WARN.
/// </summary>
internal sealed class TimeFormatCheck : TcpCheck
{
    /// <summary>Far more than any time text: a server sending more is sending without end.</summary>
    private const int MaxReply = 64 * 1024;

    private static readonly byte[] Request = "time"u8.ToArray();
    private static readonly byte[] Nudge = "time\n"u8.ToArray();

    public override string Id => CheckIds.TimeFormat;

    protected override Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken) =>
        CheckKinds.IsUdp(context.Kind) ? CheckUdpAsync(context, cancellationToken) : CheckTcpAsync(context, cancellationToken);

    private async Task<CheckResult> CheckTcpAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var probe = await ConnectAsync(context, MaxReply, cancellationToken).ConfigureAwait(false);
        var stop = await probe.ReadAsync(int.MaxValue, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (stop == ReadStop.Full)
        {
            return Fail(Text(TcpServerText.Time_Endless, Bytes(probe.Count), BytePreview.Of(probe.Received)), TcpServerText.Time_Cause_Endless, TcpServerText.Time_Fix_Endless);
        }

        if (probe.Count > 0)
        {
            return Judge(probe.Received, [], stop == ReadStop.Idle ? TcpServerText.Time_Note_KeptOpen : string.Empty);
        }

        if (stop != ReadStop.Idle)
        {
            return Fail(TcpServerText.Time_NoByte + EchoOutcome.End(stop, 0, context.Timeout), TcpServerText.Time_Cause_ClosedEmpty, TcpServerText.Time_Fix_ClosedEmpty);
        }

        // Silence: perhaps it waits for a request (recv() before send()), or it is an echo server. Say which.
        await probe.SendAsync(Nudge, context.Timeout, cancellationToken).ConfigureAwait(false);
        stop = await probe.ReadAsync(int.MaxValue, context.Timeout, cancellationToken).ConfigureAwait(false);
        var silence = ServerChecker.Seconds(context.Timeout);
        if (probe.Count == 0)
        {
            return Fail(Text(TcpServerText.Time_Silent, silence, BytePreview.Of(Nudge)), TcpServerText.Time_Cause_Silent, TcpServerText.Time_Fix_Silent);
        }

        if (probe.Received.SequenceEqual(Nudge))
        {
            return Fail(Text(TcpServerText.Time_Echo_Tcp, silence, BytePreview.Of(Nudge)), TcpServerText.Time_Cause_Echo, TcpServerText.Time_Fix_Echo);
        }

        return Fail(
            Text(TcpServerText.Time_AfterRequest, silence, BytePreview.Of(Nudge), Bytes(probe.Count), BytePreview.Of(probe.Received)),
            TcpServerText.Time_Cause_WaitsForRequest,
            TcpServerText.Time_Fix_WaitsForRequest);
    }

    private async Task<CheckResult> CheckUdpAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var socket = new Socket(context.EndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(context.Timeout);
        var reply = new byte[65_536];
        try
        {
            // connect(2) on UDP only fixes the peer: replies from elsewhere are filtered out, an ICMP "port unreachable"
            // becomes ECONNREFUSED.
            await socket.ConnectAsync(context.EndPoint, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(Request, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var length = await socket.ReceiveAsync(reply, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            return Judge(reply.AsSpan(0, length), Request, string.Empty);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(Text(TcpServerText.Time_Udp_Silent, BytePreview.Of(Request), ServerChecker.Seconds(context.Timeout)), TcpServerText.Time_Cause_Udp_Silent, TcpServerText.Time_Fix_Udp_Silent);
        }
        catch (SocketException e)
        {
            return Fail(Text(TcpServerText.Time_Udp_Failed, BytePreview.Of(Request), e.Message), TcpServerText.Time_Cause_Udp_Silent, TcpServerText.Time_Fix_Udp_Silent);
        }
    }

    private CheckResult Judge(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> request, string note)
    {
        var preview = BytePreview.Of(bytes);
        if (!request.IsEmpty && bytes.SequenceEqual(request))
        {
            return Fail(Text(TcpServerText.Time_Echo_Udp, preview), TcpServerText.Time_Cause_Echo, TcpServerText.Time_Fix_Echo);
        }

        var reply = TimeReplyParser.Parse(bytes, DateTimeOffset.UtcNow, TimeZoneInfo.Local);
        var got = Text(TcpServerText.Time_Got, Bytes(bytes.Length), preview);
        if (reply.Kind == TimeReplyKind.Text && ForeignReply.Of(bytes, request).Kind == ForeignReplyKind.LoginReply)
        {
            return Fail(got + note, TcpServerText.Time_Cause_Login, TcpServerText.Time_Fix_Echo);
        }

        var format = reply.Kind switch
        {
            TimeReplyKind.Ctime => TcpServerText.Time_Format_Ctime,
            TimeReplyKind.Iso8601 => TcpServerText.Time_Format_Iso8601,
            TimeReplyKind.Rfc867Daytime => TcpServerText.Time_Format_Daytime,
            TimeReplyKind.Rfc868 => Text(TcpServerText.Time_Format_Rfc868, reply.Text),
            _ => null,
        };
        if (format is not null)
        {
            var nul = reply.Kind != TimeReplyKind.Rfc868 && bytes[^1] == 0 ? TcpServerText.Time_Note_Nul : string.Empty;
            return Pass(got + format + nul + note);
        }

        if (reply.Kind == TimeReplyKind.Empty)
        {
            return Fail(got + note, TcpServerText.Time_Cause_Empty, TcpServerText.Time_Fix_Garbage);
        }

        return IsText(bytes)
            ? Warn(got + note, TcpServerText.Time_Cause_FreeText, TcpServerText.Time_Fix_FreeText)
            : Fail(got + note, TcpServerText.Time_Cause_Garbage, TcpServerText.Time_Fix_Garbage);
    }

    /// <summary>Printable ASCII and white space, perhaps ending in NULs: text RFC 867 allows, if no time we can read.</summary>
    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        var text = bytes.TrimEnd((byte)0);
        foreach (var b in text)
        {
            if (b is not ((>= 0x20 and <= 0x7E) or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
