using NetProg.Cli.Rendering;
using NetProg.Diagnostics;

namespace NetProg.Cli.Tests;

public sealed class LabGuideTests
{
    private const string Store = "SQLite /home/u/.local/share/netprog/accounts.db";

    [Fact]
    public void Should_print_every_command_with_the_name_netprog_was_started_by()
    {
        // Given the lab started from a clone as ./netprog
        var addresses = new[] { new LocalAddress("eth0", IPAddress.Parse("192.168.0.10"), 24, AddressScope.Private, true) };

        // When
        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "./netprog", Store, null, [], addresses).ToList();

        // Then every command line to paste starts with ./netprog, none with a bare netprog (not on PATH in a clone)
        Assert.Contains("  ./netprog time-client 127.0.0.1 30000", lines);
        Assert.Contains("  ./netprog users add alice", lines);
        Assert.Contains("  ./netprog echo-client 127.0.0.1 30002 --user alice", lines);
        Assert.Contains(lines, l => l.StartsWith("  ./netprog time-client 192.168.0.10 30000", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("netprog ", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_name_the_login_store_and_repeat_an_explicit_db_in_the_users_add_line()
    {
        // When the lab was started with --db "my labs/a.db"
        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "netprog", "SQLite /tmp/my labs/a.db", "/tmp/my labs/a.db", [], []).ToList();

        // Then the intro names the store, and the users add line uses the same one
        Assert.Contains(lines, l => l.Contains("accounts are in SQLite /tmp/my labs/a.db", StringComparison.Ordinal));
        Assert.Contains("  netprog users add alice --db \"/tmp/my labs/a.db\"", lines);
    }

    [Fact]
    public void Should_print_commands_for_this_machine_and_for_another_with_real_addresses()
    {
        var addresses = new[]
        {
            new LocalAddress("lo", IPAddress.Loopback, 8, AddressScope.Loopback, true),
            new LocalAddress("eth0", IPAddress.Parse("192.168.0.10"), 24, AddressScope.Private, true),
        };

        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "netprog", Store, null, [], addresses).ToList();

        Assert.Contains("  netprog time-client 127.0.0.1 30000", lines);
        Assert.Contains("  netprog echo-client 127.0.0.1 30001", lines);
        Assert.Contains("  netprog users add alice", lines);
        Assert.Contains("  netprog echo-client 127.0.0.1 30002 --user alice", lines);
        Assert.Contains(lines, l => l.StartsWith("  netprog time-client 192.168.0.10 30000", StringComparison.Ordinal) && l.Contains("eth0"));
        Assert.Contains(lines, l => l.Contains("port forwarding for ports 30000-30002"));
    }

    [Fact]
    public void Should_say_when_only_loopback_is_bound()
    {
        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "netprog", Store, null, ["127.0.0.1"], [new LocalAddress("eth0", IPAddress.Parse("10.0.2.15"), 24, AddressScope.Private, true)]).ToList();

        Assert.Contains(lines, l => l.StartsWith("Bound to loopback only", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("10.0.2.15"));
    }

    [Fact]
    public void Should_flag_a_self_assigned_address()
    {
        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "netprog", Store, null, [], [new LocalAddress("vmnet8", IPAddress.Parse("169.254.3.4"), 16, AddressScope.LinkLocal, true)]).ToList();

        Assert.Contains(lines, l => l.Contains("169.254.3.4") && l.Contains("no DHCP answer"));
    }

    [Fact]
    public void Should_leave_out_ipv6_link_local_addresses()
    {
        var lines = LabGuide.Lines(new LabPorts(30000, 30001, 30002), "netprog", Store, null, [], [
            new LocalAddress("eth0", IPAddress.Parse("fe80::1"), 64, AddressScope.LinkLocal, true),
            new LocalAddress("eth0", IPAddress.Parse("192.168.0.10"), 24, AddressScope.Private, true),
        ]).ToList();

        Assert.DoesNotContain(lines, l => l.Contains("fe80::1"));
        Assert.Contains(lines, l => l.Contains("192.168.0.10"));
    }
}
