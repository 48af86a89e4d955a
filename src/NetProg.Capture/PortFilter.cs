using NetProg.Capture.Decoding;

namespace NetProg.Capture;

/// <summary>
/// <c>--port N</c>: the TCP and UDP packets of that port, and the ICMP errors about them (a port unreachable is sent from
/// no port at all, so a plain <c>port N</c> filter would hide the very packet that explains a failed UDP exchange).
/// </summary>
public static class PortFilter
{
    /// <summary>
    /// The BPF text for libpcap. An ICMP error quotes the offending IP header and 8 bytes after it (RFC 792, RFC 4443 2.4):
    /// with a 20-byte IPv4 header the quoted destination port sits at icmp[30:2]; for IPv6 (40-byte headers, no extension
    /// headers) at ip6[90:2], and source ports two bytes earlier.
    /// </summary>
    public static string Bpf(int port)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        return $"(tcp port {p}) or (udp port {p})"
            + $" or (icmp and icmp[0] = 3 and (icmp[28:2] = {p} or icmp[30:2] = {p}))"
            + $" or (icmp6 and ip6[40] = 1 and (ip6[88:2] = {p} or ip6[90:2] = {p}))";
    }

    /// <summary>The same test on a decoded packet (for files, without libpcap).</summary>
    public static bool Matches(DecodedPacket packet, int port) => packet.Transport switch
    {
        TransportKind.Tcp or TransportKind.Udp => packet.Source.Port == port || packet.Destination.Port == port,
        TransportKind.Icmp or TransportKind.IcmpV6 => packet.Icmp is { } icmp && (icmp.QuotedSource?.Port == port || icmp.QuotedDestination?.Port == port),
        _ => false,
    };
}
