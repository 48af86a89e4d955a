using System.Net;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>macOS's <c>lsof -nP -i -FpcftPnT</c> field output (Sockets/TestData/lsof-sockets.txt).</summary>
public sealed class LsofSocketParserTests
{
    [Fact]
    public void Should_read_every_internet_socket_with_its_process()
    {
        // Given the sample, When it is parsed
        var entries = LsofSocketParser.Parse(SocketTestData.Read("lsof-sockets.txt"));

        // Then each file set is one socket, owned by the process set it is in
        Assert.Equal(6, entries.Count);
        Assert.Equal(new SocketEntry(PortProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 30000), null, SocketStates.Listen, 321, "python3", false), entries[0]);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 51000), entries[1].Remote);
        Assert.Equal(SocketStates.Established, entries[1].State);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 30001), entries[2].Local);
        Assert.Equal(new SocketEntry(PortProtocol.Udp, new IPEndPoint(IPAddress.Any, 30000), null, SocketStates.Unconnected, 321, "python3", false), entries[3]);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 30002), entries[4].Local);
        Assert.Equal("Control Center", entries[5].ProcessName);
        Assert.Equal(SocketStates.Established, entries[5].State);
    }

    [Fact]
    public void Should_return_nothing_for_empty_or_foreign_output()
    {
        Assert.Empty(LsofSocketParser.Parse(string.Empty));
        Assert.Empty(LsofSocketParser.Parse("p1\ncbash\nf3\ntREG\nn/etc/passwd\n"));
    }
}
