using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Tests;

public sealed class LocalAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressScope.Loopback)]
    [InlineData("127.255.255.254", AddressScope.Loopback)]
    [InlineData("::1", AddressScope.Loopback)]
    [InlineData("169.254.12.34", AddressScope.LinkLocal)]      // VMnet8 without a DHCP lease (docs/DOCTOR.md, step 7)
    [InlineData("fe80::1c2a:3b4c:5d6e:7f80", AddressScope.LinkLocal)]
    [InlineData("febf::1", AddressScope.LinkLocal)]            // last of fe80::/10
    [InlineData("10.0.2.15", AddressScope.Private)]            // VirtualBox NAT
    [InlineData("172.16.0.1", AddressScope.Private)]
    [InlineData("172.31.255.255", AddressScope.Private)]
    [InlineData("172.18.58.193", AddressScope.Private)]        // the Windows host in the course Q&A
    [InlineData("192.168.254.129", AddressScope.Private)]      // VMware NAT guest
    [InlineData("fd00::2", AddressScope.Private)]
    [InlineData("fc00::1", AddressScope.Private)]
    [InlineData("100.64.0.1", AddressScope.SharedCgnat)]
    [InlineData("100.127.255.255", AddressScope.SharedCgnat)]
    [InlineData("100.63.255.255", AddressScope.Public)]        // just below 100.64/10
    [InlineData("100.128.0.0", AddressScope.Public)]           // just above
    [InlineData("172.15.255.255", AddressScope.Public)]        // just below 172.16/12
    [InlineData("172.32.0.0", AddressScope.Public)]            // just above
    [InlineData("8.8.8.8", AddressScope.Public)]
    [InlineData("2606:4700:4700::1111", AddressScope.Public)]
    [InlineData("0.0.0.0", AddressScope.Other)]
    [InlineData("192.0.2.2", AddressScope.Other)]              // TEST-NET-1, RFC 5737
    [InlineData("198.18.0.1", AddressScope.Other)]             // benchmarking, RFC 2544
    [InlineData("224.0.0.251", AddressScope.Other)]            // mDNS multicast
    [InlineData("255.255.255.255", AddressScope.Other)]
    [InlineData("::", AddressScope.Other)]
    [InlineData("ff02::1", AddressScope.Other)]
    [InlineData("2001:db8::1", AddressScope.Other)]            // documentation, RFC 3849
    [InlineData("fec0::1", AddressScope.Other)]                // deprecated site-local, RFC 3879
    [InlineData("::ffff:192.168.0.1", AddressScope.Private)]   // IPv4-mapped: classified as the IPv4 address
    [InlineData("::ffff:127.0.0.1", AddressScope.Loopback)]
    public void Should_classify_addresses_by_rfc_range(string address, AddressScope expected)
    {
        Assert.Equal(expected, LocalAddresses.Classify(IPAddress.Parse(address)));
    }

    [Fact]
    public void Should_list_a_loopback_address_on_this_machine()
    {
        var addresses = LocalAddresses.List();

        Assert.Contains(addresses, a => a.Scope == AddressScope.Loopback && IPAddress.IsLoopback(a.Address));
        Assert.All(addresses, a => Assert.Equal(LocalAddresses.Classify(a.Address), a.Scope));
    }

    [LinuxFact]
    public void Should_report_linux_loopback_as_up_although_its_operstate_is_unknown()
    {
        // /sys/class/net/lo/operstate reads "unknown" (it has no carrier to track).
        var loopback = Assert.Single(LocalAddresses.List(), a => a.Address.Equals(IPAddress.Loopback));

        Assert.True(loopback.IsUp);
        Assert.Equal(8, loopback.PrefixLength);
    }

    [Fact]
    public void Should_order_up_first_then_ipv4_then_by_usefulness_from_another_machine()
    {
        LocalAddress[] shuffled =
        [
            Make("lo", "::1", up: true),
            Make("eth1", "192.168.1.9", up: false),
            Make("lo", "127.0.0.1", up: true),
            Make("eth0", "fe80::1", up: true),
            Make("eth0", "8.8.4.4", up: true),
            Make("wlan0", "100.64.1.2", up: true),
            Make("eth0", "fd00::2", up: true),
            Make("vmnet8", "169.254.3.4", up: true),
            Make("eth0", "192.168.0.7", up: true),
            Make("docker0", "172.17.0.1", up: true),
        ];

        var ordered = shuffled.Order(Comparer<LocalAddress>.Create(LocalAddressOrder.Compare)).Select(a => a.Address.ToString());

        Assert.Equal(
            ["172.17.0.1", "192.168.0.7", "100.64.1.2", "8.8.4.4", "169.254.3.4", "127.0.0.1", "fd00::2", "fe80::1", "::1", "192.168.1.9"],
            ordered);
    }

    private static LocalAddress Make(string name, string address, bool up)
    {
        var ip = IPAddress.Parse(address);
        return new LocalAddress(name, ip, 24, LocalAddresses.Classify(ip), up);
    }
}
