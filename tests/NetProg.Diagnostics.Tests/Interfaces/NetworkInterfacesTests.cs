using NetProg.Diagnostics.Interfaces;

namespace NetProg.Diagnostics.Tests.Interfaces;

public sealed class NetworkInterfacesTests
{
    [Fact]
    public void Should_list_the_loopback_interface_with_127_0_0_1_labelled_loopback()
    {
        // When
        var list = NetworkInterfaces.List();

        // Then: every OS has a loopback interface with 127.0.0.1 (lo, lo0, "Loopback Pseudo-Interface 1").
        var loopback = list.Interfaces.SelectMany(i => i.Addresses).First(a => a.Address.Equals(IPAddress.Loopback));
        Assert.Equal(AddressScope.Loopback, loopback.Label.Scope);
        Assert.Equal(8, loopback.PrefixLength);
    }

    [LinuxFact]
    public void Should_report_names_mtu_and_ipv4_first_like_ip_a()
    {
        var list = NetworkInterfaces.List();

        var lo = Assert.Single(list.Interfaces, i => i.Name == "lo");
        Assert.Equal(65536, lo.Mtu);
        Assert.All(list.Interfaces, i => Assert.Equal(
            i.Addresses.OrderBy(a => a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1).ToList(),
            i.Addresses));
    }
}
