using System.Net;
using System.Net.Sockets;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>The macOS port-owner query over the lsof table, run against the real lsof where it exists (its -F output is the same on Linux).</summary>
public sealed class LsofPortOwnersTests
{
    [LsofFact]
    public void Should_name_this_process_through_lsof()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Contains(new LsofSocketTable().FindOwners(PortProtocol.Tcp, port), o => o.ProcessId == Environment.ProcessId);
    }

    [LsofFact]
    public void Should_find_this_process_udp_socket_through_lsof()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

        Assert.Contains(new LsofSocketTable().FindOwners(PortProtocol.Udp, port), o => o.ProcessId == Environment.ProcessId);
    }
}
