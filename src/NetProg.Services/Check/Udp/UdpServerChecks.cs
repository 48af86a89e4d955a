namespace NetProg.Services.Check.Udp;

/// <summary>The checks of this family that apply to a kind of server: the UDP echo and time servers, over the network.</summary>
public static class UdpServerChecks
{
    public static IReadOnlyList<IServerCheck> For(CheckKind kind) => kind switch
    {
        CheckKind.UdpEchoServer =>
            [new UdpTruncationCheck(), new UdpEmptyCheck(), new UdpBinaryDataCheck(), new UdpStaleBytesCheck(), new UdpReplySourceCheck(), new UdpMultiClientCheck()],
        CheckKind.UdpTimeServer => [new UdpEmptyCheck(), new UdpReplySourceCheck(), new UdpMultiClientCheck()],
        _ => [],
    };
}
