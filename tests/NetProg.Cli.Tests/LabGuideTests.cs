using System.Net;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics;

namespace NetProg.Cli.Tests;

public sealed class LabGuideTests
{
    [Fact]
    public void Should_print_commands_for_this_machine_and_for_another_with_real_addresses()
    {
        var addresses = new[]
        {
            new LocalAddress("lo", IPAddress.Loopback, 8, AddressScope.Loopback, true),
            new LocalAddress("eth0", IPAddress.Parse("192.168.0.10"), 24, AddressScope.Private, true),
        };

        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "/home/u/.local/share/netprog/lab/accounts.db", [], addresses).ToList();

        Assert.Contains("  netprog time-client 127.0.0.1 30000", lines);
        Assert.Contains("  netprog echo-client 127.0.0.1 30001", lines);
        Assert.Contains("  netprog users add alice --db /home/u/.local/share/netprog/lab/accounts.db", lines);
        Assert.Contains("  netprog echo-client 127.0.0.1 30002 --user alice", lines);
        Assert.Contains(lines, l => l.StartsWith("  netprog time-client 192.168.0.10 30000", StringComparison.Ordinal) && l.Contains("eth0"));
        Assert.Contains(lines, l => l.Contains("port forwarding for ports 30000-30002"));
    }

    [Fact]
    public void Should_say_when_only_loopback_is_bound()
    {
        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "/home/u/.local/share/netprog/lab/accounts.db", ["127.0.0.1"], [new LocalAddress("eth0", IPAddress.Parse("10.0.2.15"), 24, AddressScope.Private, true)]).ToList();

        Assert.Contains(lines, l => l.StartsWith("Bound to loopback only", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("10.0.2.15"));
    }

    [Fact]
    public void Should_flag_a_self_assigned_address()
    {
        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "/home/u/.local/share/netprog/lab/accounts.db", [], [new LocalAddress("vmnet8", IPAddress.Parse("169.254.3.4"), 16, AddressScope.LinkLocal, true)]).ToList();

        Assert.Contains(lines, l => l.Contains("169.254.3.4") && l.Contains("no DHCP answer"));
    }

    [Fact]
    public void Should_leave_out_ipv6_link_local_addresses()
    {
        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "/home/u/.local/share/netprog/lab/accounts.db", [], [
            new LocalAddress("eth0", IPAddress.Parse("fe80::1"), 64, AddressScope.LinkLocal, true),
            new LocalAddress("eth0", IPAddress.Parse("192.168.0.10"), 24, AddressScope.Private, true),
        ]).ToList();

        Assert.DoesNotContain(lines, l => l.Contains("fe80::1"));
        Assert.Contains(lines, l => l.Contains("192.168.0.10"));
    }
}
