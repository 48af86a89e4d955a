using System.Diagnostics;

namespace NetProg.Diagnostics.Tests;

public sealed class PortOwnerLookupTests
{
    private static readonly int ThisProcess = Environment.ProcessId;

    [LinuxFact]
    public void Should_name_this_process_as_owner_of_its_tcp_listener()
    {
        // Given a listener on an ephemeral port
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // When we look the port up
        var owners = PortOwnerLookup.ForCurrentOs().FindOwners(PortProtocol.Tcp, port);

        // Then this test process is named: by its /proc/self/comm name, or, when that is "dotnet" (the test host runs as
        // `dotnet testhost.dll`), by the dll it runs
        var owner = Assert.Single(owners, o => o.ProcessId == ThisProcess);
        var comm = File.ReadAllText("/proc/self/comm").TrimEnd('\n');
        Assert.Equal(comm == "dotnet" ? "testhost" : comm, owner.ProcessName);
    }

    [LinuxFact]
    public void Should_name_this_process_as_owner_of_a_dual_mode_ipv6_listener()
    {
        using var listener = new TcpListener(IPAddress.IPv6Any, 0);
        listener.Server.DualMode = true;
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Contains(PortOwnerLookup.ForCurrentOs().FindOwners(PortProtocol.Tcp, port), o => o.ProcessId == ThisProcess);
    }

    [LinuxFact]
    public void Should_name_this_process_as_owner_of_its_udp_socket()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

        Assert.Contains(PortOwnerLookup.ForCurrentOs().FindOwners(PortProtocol.Udp, port), o => o.ProcessId == ThisProcess);
        Assert.DoesNotContain(PortOwnerLookup.ForCurrentOs().FindOwners(PortProtocol.Tcp, port), o => o.ProcessId == ThisProcess);
    }

    [LinuxFact]
    public async Task Should_not_report_a_client_socket_as_listening_on_its_local_port()
    {
        // Given a connected client, whose ephemeral local port is in use but not listening
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        Assert.Empty(PortOwnerLookup.ForCurrentOs().FindOwners(PortProtocol.Tcp, clientPort));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Should_answer_unknown_for_impossible_ports(int port)
    {
        Assert.Empty(PortOwnerLookup.ForCurrentOs().FindOwners(PortProtocol.Tcp, port));
    }

    [Fact]
    public void Should_answer_within_two_seconds()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var clock = Stopwatch.StartNew();
        _ = PortOwnerLookup.ForCurrentOs().FindOwners(PortProtocol.Tcp, port);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }
}
