using NetProg.Capture.Decoding;

namespace NetProg.Capture.Tests;

public sealed class PortFilterTests
{
    [Fact]
    public void Should_keep_the_port_unreachable_about_the_port_though_ICMP_has_no_port()
    {
        // Given a capture of a UDP time exchange on 35987 and a datagram to 51319 answered by ICMP port unreachable
        var packets = TestData.Frames("udp-time-v4.pcap").Select(PacketDecoder.Decode).OfType<DecodedPacket>().ToList();

        Assert.Equal(2, packets.Count(p => PortFilter.Matches(p, 35987)));
        Assert.Equal([TransportKind.Udp, TransportKind.Icmp], packets.Where(p => PortFilter.Matches(p, 51319)).Select(p => p.Transport));
    }

    [Fact]
    public void Should_build_a_BPF_filter_for_TCP_UDP_and_the_ICMP_errors_about_the_port()
    {
        var bpf = PortFilter.Bpf(30000);

        Assert.Contains("tcp port 30000", bpf, StringComparison.Ordinal);
        Assert.Contains("udp port 30000", bpf, StringComparison.Ordinal);
        Assert.Contains("icmp[30:2] = 30000", bpf, StringComparison.Ordinal);
        Assert.Contains("ip6[90:2] = 30000", bpf, StringComparison.Ordinal);
    }
}
