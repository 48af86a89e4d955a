using NetProg.Protocols.Forwarding;

namespace NetProg.Protocols.Tests.Forwarding;

public sealed class AllowListTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.168.0.10", "192.168.0.10", true)]
    [InlineData("192.168.0.10", "192.168.0.11", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("172.16.0.0/12", "172.31.255.255", true)]
    [InlineData("172.16.0.0/12", "172.32.0.0", false)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("fd00::/8", "fe80::1", false)]
    [InlineData("10.0.0.0/8", "fd00::1", false)]
    public void Should_allow_exactly_the_addresses_inside_the_networks(string entry, string client, bool allowed)
    {
        Assert.True(AllowList.TryParse([entry], out var list, out var error), error);
        Assert.Equal(allowed, list.Allows(IPAddress.Parse(client)));
    }

    [Fact]
    public void Should_match_an_IPv4_client_seen_through_an_IPv6_socket_as_IPv4()
    {
        Assert.True(AllowList.TryParse(["127.0.0.0/8"], out var list, out _));
        Assert.True(list.Allows(IPAddress.Parse("::ffff:127.0.0.1")));
    }

    [Fact]
    public void Should_allow_everyone_when_empty_and_anyone_in_any_entry_otherwise()
    {
        Assert.True(AllowList.TryParse([], out var everyone, out _));
        Assert.True(everyone.IsEveryone);
        Assert.True(everyone.Allows(IPAddress.Parse("198.51.100.1")));

        Assert.True(AllowList.TryParse(["10.0.0.0/8", "192.168.1.0/24"], out var two, out _));
        Assert.True(two.Allows(IPAddress.Parse("192.168.1.77")));
        Assert.False(two.Allows(IPAddress.Parse("192.168.2.1")));
        Assert.Equal("10.0.0.0/8, 192.168.1.0/24", two.ToString());
    }

    [Theory]
    [InlineData("192.168.1.5/24", "write 192.168.1.0/24")]
    [InlineData("10.0.0.0/33", "from 0 to 32")]
    [InlineData("fd00::/129", "from 0 to 128")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("lab.example", "write an address or a network")]
    [InlineData("/8", "write an address or a network")]
    public void Should_refuse_an_entry_that_is_not_a_network_and_say_what_to_write(string entry, string expected)
    {
        Assert.False(AllowList.TryParse([entry], out _, out var error));
        Assert.StartsWith($"invalid --allow '{entry}'", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
