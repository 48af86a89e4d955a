using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Tests;

public sealed class NetstatParserTests
{
    [Fact]
    public void Should_find_ipv4_and_ipv6_tcp_listeners_but_not_connections()
    {
        // 0.0.0.0:30000 (3984), [::]:30000 (4100), [fe80::...%12]:30000 (4200); the ESTABLISHED rows on or to
        // port 30000 (3984 again, 5120, 6000) and the listener on port 300 (444) do not count.
        Assert.Equal([3984, 4100, 4200], NetstatParser.ParseProcessIds(TestData.Read("netstat-ano.txt"), PortProtocol.Tcp, 30000));
    }

    [Fact]
    public void Should_find_udp_sockets_which_have_no_state_column()
    {
        Assert.Equal([3984, 4100], NetstatParser.ParseProcessIds(TestData.Read("netstat-ano.txt"), PortProtocol.Udp, 30000));
    }

    [Fact]
    public void Should_not_match_a_port_that_only_ends_with_the_same_digits()
    {
        Assert.Equal([444], NetstatParser.ParseProcessIds(TestData.Read("netstat-ano.txt"), PortProtocol.Tcp, 300));
        Assert.Empty(NetstatParser.ParseProcessIds(TestData.Read("netstat-ano.txt"), PortProtocol.Tcp, 0));
    }

    [Fact]
    public void Should_find_listeners_when_headers_and_states_are_localized()
    {
        // Given netstat on a non-English Windows ("ABHÖREN" = LISTENING), the zero foreign port still marks a listener.
        Assert.Equal([3984, 4100], NetstatParser.ParseProcessIds(TestData.Read("netstat-ano-localized.txt"), PortProtocol.Tcp, 30000));
    }
}
