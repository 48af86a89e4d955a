using System.Net;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>Every row of /proc/net/{tcp,tcp6,udp,udp6}, captured on x86-64 (Sockets/TestData/README.md).</summary>
public sealed class ProcNetSocketParserTests
{
    private static IReadOnlyList<KernelSocket> Parse(string file, PortProtocol protocol) =>
        ProcNetSocketParser.Parse(SocketTestData.Read(file), protocol, littleEndianHost: true);

    [Fact]
    public void Should_read_a_listener_with_no_peer_and_its_inode()
    {
        // Given the captured tcp table, When it is parsed
        var rows = Parse("proc-net-tcp.txt", PortProtocol.Tcp);

        // Then row 3 is the listener on 127.0.0.1:30000
        var listener = Assert.Single(rows, r => r.Inode == 747899);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 30000), listener.Entry.Local);
        Assert.Null(listener.Entry.Remote);
        Assert.Equal(SocketStates.Listen, listener.Entry.State);
        Assert.Equal(PortProtocol.Tcp, listener.Entry.Protocol);
    }

    [Fact]
    public void Should_read_both_ends_of_an_established_connection()
    {
        var rows = Parse("proc-net-tcp.txt", PortProtocol.Tcp);

        var client = Assert.Single(rows, r => r.Inode == 747901).Entry;
        var server = Assert.Single(rows, r => r.Inode == 747902).Entry;

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 43964), client.Local);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 30000), client.Remote);
        Assert.Equal(SocketStates.Established, client.State);
        Assert.Equal(client.Remote, server.Local);
        Assert.Equal(client.Local, server.Remote);
    }

    [Fact]
    public void Should_read_time_wait_rows_with_inode_0()
    {
        // Given the server side that closed first (RFC 9293 §3.6: it keeps TIME_WAIT)
        var rows = Parse("proc-net-tcp.txt", PortProtocol.Tcp);

        // Then it is TIME_WAIT, with no inode, so no process can own it
        var timeWait = Assert.Single(rows, r => r.Entry.Remote?.Port == 43976);
        Assert.Equal(SocketStates.TimeWait, timeWait.Entry.State);
        Assert.Equal(0UL, timeWait.Inode);
        Assert.Equal(42, rows.Count);
    }

    [Fact]
    public void Should_read_ipv6_words_in_host_order()
    {
        // Given "00000000000000000000000001000000": four little-endian words, the last one ::1
        var rows = Parse("proc-net-tcp6.txt", PortProtocol.Tcp);

        var listener = Assert.Single(rows, r => r.Inode == 747900).Entry;
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 30001), listener.Local);
        Assert.Equal(SocketStates.Listen, listener.State);
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, listener.Family);

        var mapped = rows.First(r => r.Entry.Local.Port == 0x8580).Entry;
        Assert.Equal(IPAddress.Parse("::ffff:127.0.0.1"), mapped.Local.Address);
    }

    [Fact]
    public void Should_name_udp_sockets_unconn_unless_connected()
    {
        var udp = Parse("proc-net-udp.txt", PortProtocol.Udp);
        var udp6 = Parse("proc-net-udp6.txt", PortProtocol.Udp);

        var server = Assert.Single(udp, r => r.Inode == 748004).Entry;
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), server.Local);
        Assert.Null(server.Remote);
        Assert.Equal(SocketStates.Unconnected, server.State);

        // A connect()ed UDP socket is TCP_ESTABLISHED in the kernel's numbering (net/ipv4/datagram.c).
        var client = Assert.Single(udp, r => r.Inode == 748006).Entry;
        Assert.Equal(SocketStates.Established, client.State);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 30000), client.Remote);

        var v6 = Assert.Single(udp6).Entry;
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 30002), v6.Local);
    }

    [Theory]
    [InlineData("0100007F:7530", true, "127.0.0.1", 30000)]
    [InlineData("7F000001:7530", false, "127.0.0.1", 30000)]
    [InlineData("0000000000000000FFFF00000100007F:0050", true, "::ffff:127.0.0.1", 80)]
    public void Should_decode_addresses_per_host_byte_order(string text, bool littleEndian, string address, int port)
    {
        Assert.True(ProcNetSocketParser.TryParseEndPoint(text, littleEndian, out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endPoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  sl  local_address rem_address   st")]
    [InlineData("   0: zzzz:7530 00000000:0000 0A 0:0 0:0 0 0 0 1")]
    public void Should_skip_headers_and_garbage(string text)
    {
        Assert.Empty(ProcNetSocketParser.Parse(text, PortProtocol.Tcp, littleEndianHost: true));
    }
}
