using NetProg.Capture.Decoding;

namespace NetProg.Capture.Flows;

/// <summary>What an ICMP or ICMPv6 message means, in the words of RFC 792 and RFC 4443 (and RFC 4861 for neighbour discovery).</summary>
internal static class IcmpText
{
    public static (PacketKind Kind, string Text) Describe(IcmpMessage? icmp)
    {
        if (icmp is null)
        {
            return (PacketKind.Icmp, "ICMP (truncated)");
        }

        var name = icmp.IsV6 ? "ICMPv6" : "ICMP";
        if (icmp.IsPortUnreachable)
        {
            return icmp.QuotedTransport == TransportKind.Udp
                ? (PacketKind.PortUnreachable, "ICMP port unreachable: nothing listens on that UDP port")
                : (PacketKind.PortUnreachable, $"{name} port unreachable");
        }

        if (icmp.IsUnreachable)
        {
            return (PacketKind.Icmp, $"{name} destination unreachable ({Unreachable(icmp)}): a router or the host could not deliver");
        }

        var text = (icmp.IsV6, icmp.Type) switch
        {
            (false, 0) => "ICMP echo reply (ping answered)",
            (false, 8) => "ICMP echo request (ping)",
            (false, 11) => "ICMP time exceeded (TTL ran out on the way: what traceroute uses)",
            (true, 2) => "ICMPv6 packet too big (path MTU discovery)",
            (true, 3) => "ICMPv6 time exceeded (hop limit ran out on the way)",
            (true, 128) => "ICMPv6 echo request (ping)",
            (true, 129) => "ICMPv6 echo reply (ping answered)",
            (true, 133) => "ICMPv6 router solicitation",
            (true, 134) => "ICMPv6 router advertisement",
            (true, 135) => "ICMPv6 neighbor solicitation (IPv6's ARP: who has this address?)",
            (true, 136) => "ICMPv6 neighbor advertisement (IPv6's ARP reply)",
            _ => $"{name} type {icmp.Type} code {icmp.Code}",
        };
        return (PacketKind.Icmp, text);
    }

    private static string Unreachable(IcmpMessage icmp) => (icmp.IsV6, icmp.Code) switch
    {
        (false, 0) => "network unreachable",
        (false, 1) => "host unreachable",
        (false, 2) => "protocol unreachable",
        (false, 4) => "fragmentation needed",
        (false, 9 or 10 or 13) => "administratively prohibited: a firewall rejects it",
        (true, 0) => "no route",
        (true, 1) => "administratively prohibited: a firewall rejects it",
        (true, 3) => "address unreachable",
        _ => $"code {icmp.Code}",
    };
}
