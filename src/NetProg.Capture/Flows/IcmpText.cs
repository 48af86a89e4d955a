using NetProg.Capture.Decoding;

namespace NetProg.Capture.Flows;

/// <summary>What an ICMP or ICMPv6 message means, in the words of RFC 792 and RFC 4443 (and RFC 4861 for neighbour discovery).</summary>
internal static class IcmpText
{
    public static (PacketKind Kind, string Text) Describe(IcmpMessage? icmp)
    {
        if (icmp is null)
        {
            return (PacketKind.Icmp, Strings.Icmp_Truncated);
        }

        var name = icmp.IsV6 ? "ICMPv6" : "ICMP";
        if (icmp.IsPortUnreachable)
        {
            return icmp.QuotedTransport == TransportKind.Udp
                ? (PacketKind.PortUnreachable, Strings.Icmp_UdpPortUnreachable)
                : (PacketKind.PortUnreachable, string.Format(Strings.Icmp_PortUnreachable, name));
        }

        if (icmp.IsUnreachable)
        {
            return (PacketKind.Icmp, string.Format(Strings.Icmp_Unreachable, name, Unreachable(icmp)));
        }

        var text = (icmp.IsV6, icmp.Type) switch
        {
            (false, 0) => Strings.Icmp_EchoReply,
            (false, 8) => Strings.Icmp_EchoRequest,
            (false, 11) => Strings.Icmp_TimeExceeded,
            (true, 2) => Strings.Icmp6_TooBig,
            (true, 3) => Strings.Icmp6_TimeExceeded,
            (true, 128) => Strings.Icmp6_EchoRequest,
            (true, 129) => Strings.Icmp6_EchoReply,
            (true, 133) => Strings.Icmp6_RouterSolicitation,
            (true, 134) => Strings.Icmp6_RouterAdvertisement,
            (true, 135) => Strings.Icmp6_NeighborSolicitation,
            (true, 136) => Strings.Icmp6_NeighborAdvertisement,
            _ => string.Format(Strings.Icmp_TypeCode, name, icmp.Type, icmp.Code),
        };
        return (PacketKind.Icmp, text);
    }

    private static string Unreachable(IcmpMessage icmp) => (icmp.IsV6, icmp.Code) switch
    {
        (false, 0) => Strings.Unreach_Network,
        (false, 1) => Strings.Unreach_Host,
        (false, 2) => Strings.Unreach_Protocol,
        (false, 4) => Strings.Unreach_Fragmentation,
        (false, 9 or 10 or 13) => Strings.Unreach_Prohibited,
        (true, 0) => Strings.Unreach_NoRoute,
        (true, 1) => Strings.Unreach_Prohibited,
        (true, 3) => Strings.Unreach_Address,
        _ => string.Format(Strings.Unreach_Code, icmp.Code),
    };
}
