using NetProg.Transport;

namespace NetProg.Services.Check.Udp;

/// <summary>
/// <c>udp-reply-source</c>: the reply comes from the address and port the request went to. A connected UDP socket only
/// receives datagrams from its peer (connect(2): "the only address from which datagrams are received"), and a NAT router
/// lets a reply in only for the address and port the request went to (address and port dependent filtering, RFC 4787 section 5), so a reply from a second socket
/// (another port), or from another address of a server bound to 0.0.0.0 on a machine with several addresses, is lost for
/// them. On loopback the address is always right; the port is what can go wrong.
/// </summary>
internal sealed class UdpReplySourceCheck : IServerCheck
{
    private static readonly byte[] Request = UdpPayloads.Text("Rnetprog udp-reply-source\n");

    public string Id => CheckIds.UdpReplySource;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        using var peer = UdpPeer.Open(context.EndPoint);
        var result = await peer.ExchangeAsync(Request, null, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (UdpFindings.Trouble(Id, context, peer, result, Request) is { } trouble)
        {
            return trouble;
        }

        var target = context.EndPoint;
        var source = result.Reply!.Source;
        var to = EndPointText.Format(target);
        var from = EndPointText.Format(source);
        if (source.Port != target.Port)
        {
            return CheckResult.Fail(
                Id,
                UdpFindings.Format(UdpServerText.Source_Fail, peer.Local.Port, to, from),
                UdpFindings.Format(UdpServerText.Source_Port_Cause, source.Port),
                UdpServerText.Source_Port_Fix);
        }

        if (!EndPointText.Normalize(source.Address).Equals(EndPointText.Normalize(target.Address)))
        {
            return CheckResult.Fail(
                Id,
                UdpFindings.Format(UdpServerText.Source_Fail, peer.Local.Port, to, from),
                UdpFindings.Format(UdpServerText.Source_Address_Cause, EndPointText.Format(source.Address)),
                UdpServerText.Source_Address_Fix);
        }

        return CheckResult.Pass(Id, UdpFindings.Format(UdpServerText.Source_Pass, peer.Local.Port, to));
    }
}
