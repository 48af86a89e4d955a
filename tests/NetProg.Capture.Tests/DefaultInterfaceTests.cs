using NetProg.Capture.Live;

namespace NetProg.Capture.Tests;

public sealed class DefaultInterfaceTests
{
    private static readonly CaptureInterface Loopback = new("lo", null, [IPAddress.Loopback, IPAddress.IPv6Loopback], IsLoopback: true);
    private static readonly CaptureInterface Lan = new("eth0", null, [IPAddress.Parse("192.168.0.10"), IPAddress.Parse("fe80::1")], IsLoopback: false);
    private static readonly CaptureInterface Vpn = new("tun0", null, [IPAddress.Parse("10.8.0.2")], IsLoopback: false);
    private static readonly CaptureInterface[] All = [Lan, Loopback, Vpn];

    [Fact]
    public void Should_pick_the_interface_of_a_connection_to_another_machine() =>
        Assert.Equal("tun0", DefaultInterface.Choose(All, [(IPAddress.Any, null), (IPAddress.Parse("::ffff:10.8.0.2"), IPAddress.Parse("10.8.0.1"))])?.Name);

    [Fact]
    public void Should_pick_the_interface_a_server_is_bound_to() =>
        Assert.Equal("eth0", DefaultInterface.Choose(All, [(IPAddress.Parse("192.168.0.10"), null)])?.Name);

    [Fact]
    public void Should_pick_loopback_for_a_lab_on_one_machine_or_when_nothing_is_known()
    {
        Assert.Equal("lo", DefaultInterface.Choose(All, [(IPAddress.Any, null), (IPAddress.Loopback, IPAddress.Loopback)])?.Name);
        Assert.Equal("lo", DefaultInterface.Choose(All, [])?.Name);
    }
}
