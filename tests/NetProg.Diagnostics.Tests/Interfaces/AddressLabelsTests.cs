using NetProg.Diagnostics.Interfaces;

namespace NetProg.Diagnostics.Tests.Interfaces;

public sealed class AddressLabelsTests
{
    [Theory]
    [InlineData("127.0.0.1", "lo", AddressScope.Loopback, "loopback", VirtualNetwork.None)]
    [InlineData("::1", "lo", AddressScope.Loopback, "loopback", VirtualNetwork.None)]
    [InlineData("169.254.1.2", "eth0", AddressScope.LinkLocal, "link-local (self-assigned: DHCP failed)", VirtualNetwork.None)]
    [InlineData("fe80::1", "eth0", AddressScope.LinkLocal, "link-local", VirtualNetwork.None)]
    [InlineData("192.168.1.23", "en0", AddressScope.Private, "private (RFC 1918)", VirtualNetwork.None)]
    [InlineData("172.16.5.4", "eth0", AddressScope.Private, "private (RFC 1918)", VirtualNetwork.None)]
    [InlineData("fd00::2", "eth0", AddressScope.Private, "private (unique local, RFC 4193)", VirtualNetwork.None)]
    [InlineData("100.64.0.7", "wan", AddressScope.SharedCgnat, "shared/CGNAT (RFC 6598)", VirtualNetwork.None)]
    [InlineData("8.8.8.8", "eth0", AddressScope.Public, "public", VirtualNetwork.None)]
    [InlineData("2a00:1450::1", "eth0", AddressScope.Public, "public", VirtualNetwork.None)]
    [InlineData("192.0.2.2", "eth0", AddressScope.Other, "special-purpose", VirtualNetwork.None)]
    [InlineData("10.0.2.15", "enp0s3", AddressScope.Private, "private (RFC 1918)", VirtualNetwork.VirtualBoxNat)]
    [InlineData("172.17.0.1", "docker0", AddressScope.Private, "private (RFC 1918)", VirtualNetwork.DockerBridge)]
    [InlineData("192.168.204.1", "vmnet8", AddressScope.Private, "private (RFC 1918)", VirtualNetwork.VMwareNat)]
    [InlineData("192.168.56.1", "vmnet1", AddressScope.Private, "private (RFC 1918)", VirtualNetwork.VMwareHostOnly)]
    [InlineData("192.168.204.1", "VMware Network Adapter VMnet8", AddressScope.Private, "private (RFC 1918)", VirtualNetwork.VMwareNat)]
    [InlineData("192.168.1.5", "vmnet80", AddressScope.Private, "private (RFC 1918)", VirtualNetwork.None)]
    public void Should_label_an_address_by_its_range_and_known_virtual_network(string address, string interfaceName, AddressScope scope, string text, VirtualNetwork network)
    {
        // When
        var label = AddressLabels.Classify(IPAddress.Parse(address), interfaceName);

        // Then
        Assert.Equal(scope, label.Scope);
        Assert.Equal(text, label.Text);
        Assert.Equal(network, label.VirtualNetwork);
        Assert.Equal(network != VirtualNetwork.None, label.Note is not null);
    }

    [Fact]
    public void Should_say_10_0_2_15_is_the_virtualbox_guest()
    {
        var label = AddressLabels.Classify(IPAddress.Parse("10.0.2.15"), "enp0s3");

        Assert.Contains("VirtualBox NAT", label.Note, StringComparison.Ordinal);
        Assert.Contains("guest", label.Note, StringComparison.Ordinal);
        Assert.Contains("port-forwarding", label.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_say_172_17_0_1_is_the_docker_host_side()
    {
        var label = AddressLabels.Classify(IPAddress.Parse("172.17.0.1"), "docker0");

        Assert.Contains("Docker", label.Note, StringComparison.Ordinal);
        Assert.Contains("docker0", label.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_say_a_self_assigned_address_on_vmnet8_means_vmware_dhcp_is_broken()
    {
        // Given the course's week-4 case: VMnet8 came up with 169.254.x.x.
        var label = AddressLabels.Classify(IPAddress.Parse("169.254.33.7"), "VMware Network Adapter VMnet8");

        Assert.Equal("link-local (self-assigned: DHCP failed)", label.Text);
        Assert.Contains("needs repair", label.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_classify_an_ipv4_mapped_address_as_its_ipv4_address()
    {
        var label = AddressLabels.Classify(IPAddress.Parse("::ffff:169.254.1.2"), "eth0");

        Assert.Equal("link-local (self-assigned: DHCP failed)", label.Text);
    }
}
