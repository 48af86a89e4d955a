namespace NetProg.Services.Check.Udp;

/// <summary>
/// <c>udp-truncation</c>: datagrams of 1 to 1,472 bytes (the most one Ethernet frame carries) and 8,192 bytes come back
/// whole. A recvfrom() into a small buffer cuts a longer datagram silently (recv(2): "If a message is too long to fit in
/// the supplied buffer, excess bytes may be discarded"; MSG_TRUNC): the reply says where it was cut.
/// </summary>
internal sealed class UdpTruncationCheck : IServerCheck
{
    /// <summary>Around the course's 128-byte buffer, a typical line, the largest unfragmented payload, and beyond.</summary>
    private static readonly int[] Sizes = [1, 127, 128, 129, 1000, 1472, 8192];

    /// <summary>Above this a datagram is sent in IP fragments over Ethernet (1,500 - 20 - 8 bytes).</summary>
    private const int UnfragmentedPayload = 1472;

    public string Id => CheckIds.UdpTruncation;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var peer = UdpPeer.Open(context.EndPoint);
        var whole = new List<int>();
        var run = new List<int>();
        var outcomes = new List<string>();
        (EchoMismatch Mismatch, int Size, byte[] Reply)? first = null;
        var truncatedTo = new HashSet<int>();
        int? silentAt = null;
        var tags = new char[Sizes.Length];
        for (var i = 0; i < Sizes.Length; i++)
        {
            tags[i] = (char)('A' + i);
            var request = UdpPayloads.Tagged(tags[i], Sizes[i]);
            var earlier = tags.AsMemory(0, i);
            var result = await peer.ExchangeAsync(request, d => UdpPayloads.StartsWithAny(d, earlier.Span), context.Timeout, cancellationToken).ConfigureAwait(false);
            if (result.Reply is null)
            {
                // Silence on the first datagram: this client is not served at all. On a later one: see below.
                if (i == 0 || result.Error is not null || result.Flooded)
                {
                    return UdpFindings.Trouble(Id, context, peer, result, request)!;
                }

                silentAt = Sizes[i];
                EndRun(run, outcomes);
                outcomes.Add(UdpFindings.Format(UdpServerText.Truncation_Silent, UdpFindings.Number(Sizes[i]), ServerChecker.Seconds(context.Timeout)));
                break;
            }

            var reply = result.Reply.Data;
            var mismatch = EchoComparison.Compare(request, reply);
            if (mismatch.IsSame)
            {
                whole.Add(Sizes[i]);
                run.Add(Sizes[i]);
                continue;
            }

            EndRun(run, outcomes);

            if (mismatch.Kind == EchoMismatchKind.Truncated)
            {
                truncatedTo.Add(reply.Length);
            }

            first ??= (mismatch, Sizes[i], reply);
            outcomes.Add(UdpFindings.Format(UdpServerText.Truncation_Item, UdpFindings.Number(Sizes[i]), UdpFindings.Bytes(reply.Length)));
        }

        if (whole.Count == Sizes.Length)
        {
            return CheckResult.Pass(Id, UdpFindings.Format(UdpServerText.Truncation_Pass, List(Sizes)));
        }

        EndRun(run, outcomes);
        var outcome = string.Join("; ", outcomes);
        if (first is { } bad)
        {
            var observed = UdpFindings.Format(UdpServerText.Truncation_Fail, List(Sizes), outcome, UdpFindings.Bytes(bad.Size), UdpFindings.Back(bad.Reply));

            // Every cut reply the same length, every datagram up to it whole: that length is the buffer recvfrom() reads into.
            if (bad.Mismatch.Kind == EchoMismatchKind.Truncated && truncatedTo.Count == 1 && truncatedTo.First() is var length and > 0
                && Sizes.Where(s => s <= length).All(whole.Contains))
            {
                var buffer = UdpFindings.Number(length);
                return CheckResult.Fail(Id, observed, UdpFindings.Format(UdpServerText.Truncated_Cause, buffer), UdpServerText.Truncated_Fix);
            }

            return UdpFindings.Mismatch(Id, observed, bad.Mismatch, bad.Size);
        }

        // Only silence, on a larger datagram after smaller ones came back whole.
        var silentObserved = UdpFindings.Format(UdpServerText.Truncation_SilentObserved, List(Sizes), outcome);
        if (!context.ServerAlive())
        {
            return CheckResult.Fail(Id, silentObserved, UdpServerText.Silent_Exited_Cause, UdpServerText.Silent_Exited_Fix);
        }

        var cause = UdpFindings.Format(UdpServerText.SilentLarge_Cause, UdpFindings.Bytes(silentAt!.Value));

        // Across a network, fragments of a datagram that needs them may be dropped on the way: not surely the server's bug.
        return silentAt > UnfragmentedPayload && !IPAddress.IsLoopback(context.EndPoint.Address)
            ? CheckResult.Warn(Id, silentObserved, cause, UdpServerText.SilentLarge_Fix)
            : CheckResult.Fail(Id, silentObserved, cause, UdpServerText.SilentLarge_Fix);
    }

    /// <summary>Sizes that came back whole one after the other are said together: "1, 127, 128 bytes whole".</summary>
    private static void EndRun(List<int> run, List<string> outcomes)
    {
        if (run.Count > 0)
        {
            outcomes.Add(UdpFindings.Format(UdpServerText.Truncation_Whole, List(run)));
            run.Clear();
        }
    }

    private static string List(IEnumerable<int> sizes) => string.Join(", ", sizes.Select(UdpFindings.Number));
}
