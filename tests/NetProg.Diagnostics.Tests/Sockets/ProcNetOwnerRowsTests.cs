using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>
/// The owner query over the rows of the captured /proc/net samples: which sockets count as a port's owner. Each row's
/// inode stands in for its holder, so the answers read as the inodes of TestData/README.md.
/// </summary>
public sealed class ProcNetOwnerRowsTests
{
    [Theory]
    [InlineData("proc-net-tcp.txt", PortProtocol.Tcp, 30000, new ulong[] { 9962 })]     // 127.0.0.1:30000 listener only
    [InlineData("proc-net-tcp.txt", PortProtocol.Tcp, 2024, new ulong[] { 1048 })]      // 00000000:07E8, 0.0.0.0:2024
    [InlineData("proc-net-tcp6.txt", PortProtocol.Tcp, 30000, new ulong[] { 9963 })]    // [::]:30000
    [InlineData("proc-net-tcp6.txt", PortProtocol.Tcp, 30001, new ulong[] { 9964 })]    // [::1]:30001
    [InlineData("proc-net-udp.txt", PortProtocol.Udp, 30000, new ulong[] { 9967 })]     // 0.0.0.0:30000, state 07
    [InlineData("proc-net-udp6.txt", PortProtocol.Udp, 30002, new ulong[] { 9968 })]    // [::]:30002, state 07
    [InlineData("proc-net-tcp.txt", PortProtocol.Tcp, 31000, new ulong[0])]
    public void Should_find_the_owners_of_a_local_port_in_captured_proc_net_text(string file, PortProtocol protocol, int port, ulong[] expected)
    {
        Assert.Equal(expected, Owners(TestData.Read(file), protocol, port));
    }

    [Fact]
    public void Should_keep_every_socket_on_the_port_in_the_rows_for_the_table()
    {
        // The listener and the connection it accepted both have local port 30000; only the first owns the port.
        var rows = ProcNetSocketParser.Parse(TestData.Read("proc-net-tcp.txt"), PortProtocol.Tcp, littleEndianHost: true);

        Assert.Equal([9962UL, 9966UL], rows.Where(r => r.Entry.Local.Port == 30000).Select(r => r.Inode));
    }

    [Fact]
    public void Should_not_take_a_client_socket_for_a_listener()
    {
        // Given the client side of the captured connection: local port 40372 (0x9DB4), state 01 ESTABLISHED, inode 9965.
        var text = TestData.Read("proc-net-tcp.txt");
        var rows = ProcNetSocketParser.Parse(text, PortProtocol.Tcp, littleEndianHost: true);

        // Then it is a socket on that port, but not a listener: "port in use by" must name listeners only.
        Assert.Equal([9965UL], rows.Where(r => r.Entry.Local.Port == 40372).Select(r => r.Inode));
        Assert.Empty(Owners(text, PortProtocol.Tcp, 40372));
    }

    [Fact]
    public void Should_match_the_port_not_a_suffix_of_the_address()
    {
        // 7530 is port 30000; an address ending in "7530" (here 48.117.0.0 written little-endian) must not match.
        const string text = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00007530:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
            """;

        Assert.Empty(Owners(text, PortProtocol.Tcp, 30000));
        Assert.Equal([4242UL], Owners(text, PortProtocol.Tcp, 80));
    }

    [Fact]
    public void Should_skip_sockets_without_an_inode_and_malformed_lines()
    {
        // TIME_WAIT rows (state 06) keep inode 0: no process holds them any more.
        const string text = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:7530 0100007F:9DB4 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000
               1: garbage
               2: 0100007F:ZZZZ 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1 0000000000000000 100 0 0 10 0
            """;

        Assert.Empty(Owners(text, PortProtocol.Udp, 30000));
        Assert.Empty(Owners(text, PortProtocol.Tcp, 30000));
        Assert.Empty(Owners(string.Empty, PortProtocol.Tcp, 30000));
    }

    // As the table joins them: a row whose inode no process holds (0) has no owner.
    private static ulong[] Owners(string text, PortProtocol protocol, int port) =>
        [.. PortOwners.Of(
                ProcNetSocketParser.Parse(text, protocol, littleEndianHost: true)
                    .Select(r => r.Inode == 0 ? r.Entry : r.Entry with { ProcessId = (int)r.Inode }),
                protocol,
                port)
            .Select(o => (ulong)o.ProcessId)];
}
