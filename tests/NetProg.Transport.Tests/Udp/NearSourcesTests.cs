using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests.Udp;

public sealed class NearSourcesTests
{
    // On-link subnets of a made-up machine: a public LAN (198.51.100.0/24, RFC 5737) and an IPv6 global /64 (2001:db8::/32, RFC 3849).
    private static readonly NearSources Near = new([(IPAddress.Parse("198.51.100.7"), 24), (IPAddress.Parse("2001:db8:1:2::7"), 64)]);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.1.2")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.1")]
    [InlineData("192.168.0.10")]
    [InlineData("::ffff:192.168.1.1")]
    [InlineData("169.254.3.4")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("198.51.100.1")]
    [InlineData("198.51.100.255")]
    [InlineData("2001:db8:1:2::99")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff")]
    public void Should_count_loopback_private_link_local_ULA_and_on_link_sources_as_near(string address)
    {
        Assert.True(Near.Contains(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("198.51.101.1")]
    [InlineData("198.51.99.255")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("126.255.255.255")]
    [InlineData("169.255.0.1")]
    [InlineData("::ffff:203.0.113.9")]
    [InlineData("2001:db8:1:3::1")]
    [InlineData("2001:4860::1")]
    [InlineData("fec0::1")]
    [InlineData("fe00::1")]
    [InlineData("::2")]
    public void Should_count_other_sources_as_far(string address)
    {
        Assert.False(Near.Contains(IPAddress.Parse(address)), address);
    }

    [Fact]
    public void Should_treat_a_point_to_point_interface_address_as_near_only_itself()
    {
        // Given an interface with a /32 (a VPN or a cloud VM's address)
        var near = new NearSources([(IPAddress.Parse("203.0.113.5"), 32)]);

        // Then its own address is near, its neighbours are not
        Assert.True(near.Contains(IPAddress.Parse("203.0.113.5")));
        Assert.False(near.Contains(IPAddress.Parse("203.0.113.4")));
    }

    [Fact]
    public void Should_find_this_machines_loopback_subnet_among_its_interfaces()
    {
        // The interfaces are read for real: loopback is there on every machine the tests run on
        var subnets = NearSources.LocalSubnets();

        Assert.Contains(subnets, s => IPAddress.IsLoopback(s.Address));
        Assert.All(subnets, s => Assert.InRange(s.PrefixLength, 1, 128));
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("203.0.113.1", "203.0.113.1", true)]
    [InlineData("203.0.113.1", "203.0.113.2", false)]
    [InlineData("203.0.113.1", "::ffff:203.0.113.1", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("::1", "::2", false)]
    public void Should_key_IPv4_sources_whole_and_IPv6_sources_by_their_64_bit_prefix(string a, string b, bool same)
    {
        Assert.Equal(same, SourceKey.Of(IPAddress.Parse(a)) == SourceKey.Of(IPAddress.Parse(b)));
    }
}
