namespace NetProg.Services.Check.Udp;

/// <summary>
/// <c>stale-bytes</c> over UDP: a short datagram after a long one comes back without the long one's tail. A server that
/// sends strlen(buf) of a buffer it does not clear or terminate after recvfrom() (which writes only the n bytes received
/// and no NUL) sends the rest of the earlier datagram along. Both under 128 bytes, so that a small buffer does not
/// decide it.
/// </summary>
internal sealed class UdpStaleBytesCheck : IServerCheck
{
    private static readonly byte[] Long = UdpPayloads.Tagged('L', 100);
    private static readonly byte[] Short = UdpPayloads.Text("Short");

    public string Id => CheckIds.StaleBytes;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var peer = UdpPeer.Open(context.EndPoint);
        var sent = new List<char>();
        foreach (var request in new[] { Long, Short })
        {
            var earlier = sent.ToArray();
            var result = await peer.ExchangeAsync(request, d => UdpPayloads.StartsWithAny(d, earlier), context.Timeout, cancellationToken).ConfigureAwait(false);
            if (UdpFindings.Trouble(Id, context, peer, result, request) is { } trouble)
            {
                return trouble;
            }

            sent.Add((char)request[0]);
            var reply = result.Reply!.Data;
            var mismatch = EchoComparison.Compare(request, reply);
            if (!mismatch.IsSame)
            {
                var observed = UdpFindings.Format(
                    UdpServerText.Stale_Fail, UdpFindings.Bytes(Long.Length), UdpFindings.Describe(Short), UdpFindings.Bytes(request.Length), UdpFindings.Back(reply));
                return UdpFindings.Mismatch(Id, observed, mismatch, request.Length);
            }
        }

        return CheckResult.Pass(Id, UdpFindings.Format(UdpServerText.Stale_Pass, UdpFindings.Bytes(Long.Length), UdpFindings.Describe(Short)));
    }
}
