using System.Net;
using System.Net.Sockets;
using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Tests;

/// <summary>The macOS lookup, run against the real lsof where it exists (its -F output is the same on Linux).</summary>
public sealed class LsofPortOwnerLookupTests
{
    [LsofFact]
    public void Should_name_this_process_through_lsof()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Contains(new LsofPortOwnerLookup().FindOwners(PortProtocol.Tcp, port), o => o.ProcessId == Environment.ProcessId);
    }

    [LsofFact]
    public void Should_find_this_process_udp_socket_through_lsof()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

        Assert.Contains(new LsofPortOwnerLookup().FindOwners(PortProtocol.Udp, port), o => o.ProcessId == Environment.ProcessId);
    }
}
