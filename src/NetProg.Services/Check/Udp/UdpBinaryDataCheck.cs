namespace NetProg.Services.Check.Udp;

/// <summary>
/// <c>binary-data</c> over UDP: a datagram holding NUL bytes, bytes that are no UTF-8, CR LF and control bytes comes
/// back exactly. An echo that sends strlen(buf) bytes stops at the first NUL (strlen(3) counts up to it); RFC 862 sends
/// the data back, whatever it is. Shorter than 128 bytes, so that a small buffer (udp-truncation) does not decide it.
/// </summary>
internal sealed class UdpBinaryDataCheck : IServerCheck
{
    private static readonly byte[] Payload =
    [
        (byte)'B', (byte)'n', (byte)'e', (byte)'t', (byte)'p', (byte)'r', (byte)'o', (byte)'g', 0x00,
        (byte)'N', (byte)'U', (byte)'L', 0xFF, 0xFE, 0xC3, 0x28, 0x80, 0x00, 0x01, 0x1B, 0x7F, (byte)'\r', (byte)'\n',
        (byte)'e', (byte)'n', (byte)'d', 0x00,
    ];

    public string Id => CheckIds.BinaryData;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var peer = UdpPeer.Open(context.EndPoint);
        var result = await peer.ExchangeAsync(Payload, null, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (UdpFindings.Trouble(Id, context, peer, result, Payload) is { } trouble)
        {
            return trouble;
        }

        var reply = result.Reply!.Data;
        var mismatch = EchoComparison.Compare(Payload, reply);
        return mismatch.IsSame
            ? CheckResult.Pass(Id, UdpFindings.Format(UdpServerText.Binary_Pass, UdpFindings.Describe(Payload)))
            : UdpFindings.Mismatch(Id, UdpFindings.Format(UdpServerText.Binary_Fail, UdpFindings.Describe(Payload), UdpFindings.Back(reply)), mismatch, Payload.Length);
    }
}
