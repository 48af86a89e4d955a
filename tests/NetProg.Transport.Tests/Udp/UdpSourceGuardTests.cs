using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests.Udp;

public sealed class UdpSourceGuardTests
{
    private const int OwnPort = 30007;

    // A directed broadcast of some interface (192.0.2.0/24, RFC 5737 documentation range: only an address value here).
    private static readonly UdpSourceGuard Guard = new(port => port == OwnPort, [IPAddress.Parse("192.0.2.255")]);

    [Theory]
    [InlineData("127.0.0.1", 0, UdpDropReason.SourcePortZero)]
    [InlineData("127.0.0.1", 1, UdpDropReason.PrivilegedSourcePort)]
    [InlineData("127.0.0.1", 7, UdpDropReason.PrivilegedSourcePort)]
    [InlineData("127.0.0.1", 1023, UdpDropReason.PrivilegedSourcePort)]
    [InlineData("::1", 19, UdpDropReason.PrivilegedSourcePort)]
    [InlineData("127.0.0.1", 1024, UdpDropReason.None)]
    [InlineData("127.0.0.1", 50000, UdpDropReason.None)]
    [InlineData("127.0.0.1", 2049, UdpDropReason.NfsSourcePort)]
    [InlineData("127.0.0.1", OwnPort, UdpDropReason.OwnServicePort)]
    [InlineData("::1", OwnPort, UdpDropReason.OwnServicePort)]
    [InlineData("255.255.255.255", 50000, UdpDropReason.BroadcastSource)]
    [InlineData("192.0.2.255", 50000, UdpDropReason.BroadcastSource)]
    [InlineData("192.0.2.254", 50000, UdpDropReason.None)]
    [InlineData("224.0.0.1", 50000, UdpDropReason.MulticastSource)]
    [InlineData("239.255.255.250", 50000, UdpDropReason.MulticastSource)]
    [InlineData("0.0.0.0", 50000, UdpDropReason.MulticastSource)]
    [InlineData("ff02::1", 50000, UdpDropReason.MulticastSource)]
    [InlineData("::", 50000, UdpDropReason.MulticastSource)]
    [InlineData("::1", 50000, UdpDropReason.None)]
    [InlineData("::ffff:127.0.0.1", 50000, UdpDropReason.None)]
    [InlineData("::ffff:255.255.255.255", 50000, UdpDropReason.BroadcastSource)]
    [InlineData("::ffff:192.0.2.255", 50000, UdpDropReason.BroadcastSource)]
    [InlineData("::ffff:224.0.0.1", 50000, UdpDropReason.MulticastSource)]
    [InlineData("::ffff:0.0.0.0", 50000, UdpDropReason.MulticastSource)]
    public void Should_apply_the_inetd_source_rules(string address, int port, UdpDropReason expected)
    {
        // Given a datagram's source (an IPv4-mapped address as a dual-stack socket reports an IPv4 peer)
        var source = new IPEndPoint(IPAddress.Parse(address), port);

        // When the guard checks it
        var reason = Guard.Check(source);

        // Then it is dropped for the inetd rule it breaks (OpenBSD dg_badinput, FreeBSD check_loop), or answered
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Should_always_know_the_limited_broadcast_address_even_without_interface_data()
    {
        // Given a guard built with no directed broadcast addresses at all
        var guard = new UdpSourceGuard(_ => false, []);

        // When 255.255.255.255 sends
        var reason = guard.Check(new IPEndPoint(IPAddress.Broadcast, 50000));

        // Then it is still dropped as broadcast
        Assert.Equal(UdpDropReason.BroadcastSource, reason);
    }
}
