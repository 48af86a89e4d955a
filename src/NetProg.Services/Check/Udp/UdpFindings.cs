namespace NetProg.Services.Check.Udp;

/// <summary>
/// What the UDP checks share: sizes and datagrams in words, and the findings every one of them can meet (no reply to a
/// new client, a flood, a socket error, a reply that differs from the datagram sent) with their cause and fix.
/// </summary>
internal static class UdpFindings
{
    public static string Format(string format, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, format, arguments);

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>"1 byte", "1,000 bytes".</summary>
    public static string Bytes(int count) => count == 1 ? UdpServerText.Bytes_One : Format(UdpServerText.Bytes_Many, Number(count));

    /// <summary>A datagram in words: "'Hello\n' (6 bytes)", or "an empty datagram".</summary>
    public static string Describe(ReadOnlySpan<byte> datagram) =>
        datagram.IsEmpty ? UdpServerText.Empty_Datagram : Format(UdpServerText.Datagram, Bytes(datagram.Length), BytePreview.Of(datagram));

    /// <summary>A reply in words: "128 bytes came back: 'Dabc…'".</summary>
    public static string Back(ReadOnlySpan<byte> reply) => Format(UdpServerText.Back, Bytes(reply.Length), BytePreview.Of(reply));

    /// <summary>
    /// The finding for an exchange that brought no reply (null when it did): the socket error, the flood, or the silence
    /// towards a new client after reachable was answered.
    /// </summary>
    public static CheckResult? Trouble(string id, ServerCheckContext context, UdpPeer peer, UdpExchangeResult result, ReadOnlySpan<byte> request)
    {
        if (result.Error is { } error)
        {
            return CheckResult.Fail(id, Format(UdpServerText.Error_Observed, Describe(request), error), UdpServerText.Error_Cause, UdpServerText.Error_Fix);
        }

        if (result.Flooded)
        {
            return Flood(id, Describe(request));
        }

        return result.Reply is null
            ? Silent(id, context, Format(UdpServerText.Silent_Observed, Describe(request), peer.Local.Port, ServerChecker.Seconds(context.Timeout)))
            : null;
    }

    public static CheckResult Flood(string id, string sent) =>
        CheckResult.Fail(id, Format(UdpServerText.Flood_Observed, sent, UdpPeer.MaxDatagrams), UdpServerText.Flood_Cause, UdpServerText.Flood_Fix);

    /// <summary>
    /// No reply, although reachable's datagram was answered: the server exited on this one, or it serves only the first
    /// client it heard from (its address kept from the first recvfrom(), or its socket connect()ed to it).
    /// </summary>
    public static CheckResult Silent(string id, ServerCheckContext context, string observed) =>
        context.ServerAlive()
            ? CheckResult.Fail(id, observed, UdpServerText.Silent_FirstClient_Cause, UdpServerText.Silent_FirstClient_Fix)
            : CheckResult.Fail(id, observed, UdpServerText.Silent_Exited_Cause, UdpServerText.Silent_Exited_Fix);

    /// <summary>A reply that differs from the datagram sent, with the bug its kind of difference points at.</summary>
    public static CheckResult Mismatch(string id, string observed, EchoMismatch mismatch, int sentLength)
    {
        var (cause, fix) = mismatch.Kind switch
        {
            EchoMismatchKind.Truncated => (Format(UdpServerText.Short_Cause, Bytes(mismatch.Offset), Bytes(sentLength)), UdpServerText.Short_Fix),
            EchoMismatchKind.CutAtNul => (UdpServerText.Nul_Cause, UdpServerText.Nul_Fix),
            EchoMismatchKind.ExtraTail => (UdpServerText.Stale_Cause, UdpServerText.Stale_Fix),
            _ => (Format(UdpServerText.Different_Cause, Number(mismatch.Offset)), UdpServerText.Different_Fix),
        };
        return CheckResult.Fail(id, observed, cause, fix);
    }
}
