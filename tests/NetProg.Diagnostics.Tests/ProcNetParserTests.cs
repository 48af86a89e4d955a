using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Tests;

public sealed class ProcNetParserTests
{
    [Theory]
    [InlineData("proc-net-tcp.txt", 30000, true, new ulong[] { 9962 })]           // 127.0.0.1:30000 listener only
    [InlineData("proc-net-tcp.txt", 30000, false, new ulong[] { 9962, 9966 })]    // plus the accepted connection
    [InlineData("proc-net-tcp.txt", 2024, true, new ulong[] { 1048 })]            // 00000000:07E8, 0.0.0.0:2024
    [InlineData("proc-net-tcp6.txt", 30000, true, new ulong[] { 9963 })]          // [::]:30000
    [InlineData("proc-net-tcp6.txt", 30001, true, new ulong[] { 9964 })]          // [::1]:30001
    [InlineData("proc-net-udp.txt", 30000, false, new ulong[] { 9967 })]          // 0.0.0.0:30000, state 07
    [InlineData("proc-net-udp6.txt", 30002, false, new ulong[] { 9968 })]         // [::]:30002, state 07
    [InlineData("proc-net-tcp.txt", 31000, true, new ulong[0])]
    public void Should_find_the_inodes_on_a_local_port_in_captured_proc_net_text(string file, int port, bool listeningOnly, ulong[] expected)
    {
        Assert.Equal(expected, ProcNetParser.ParseInodes(TestData.Read(file), port, listeningOnly));
    }

    [Fact]
    public void Should_not_take_a_client_socket_for_a_listener()
    {
        // Given the client side of the captured connection: local port 40372 (0x9DB4), state 01 ESTABLISHED, inode 9965.
        var text = TestData.Read("proc-net-tcp.txt");

        // Then it is a socket on that port, but not a listener: "port in use by" must name listeners only.
        Assert.Equal([9965UL], ProcNetParser.ParseInodes(text, 40372, listeningOnly: false));
        Assert.Empty(ProcNetParser.ParseInodes(text, 40372, listeningOnly: true));
    }

    [Fact]
    public void Should_match_the_port_not_a_suffix_of_the_address()
    {
        // 7530 is port 30000; an address ending in "7530" (here 48.117.0.0 written little-endian) must not match.
        const string text = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00007530:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
            """;

        Assert.Empty(ProcNetParser.ParseInodes(text, 30000, listeningOnly: true));
        Assert.Equal([4242UL], ProcNetParser.ParseInodes(text, 80, listeningOnly: true));
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

        Assert.Empty(ProcNetParser.ParseInodes(text, 30000, listeningOnly: false));
        Assert.Empty(ProcNetParser.ParseInodes(string.Empty, 30000, listeningOnly: false));
    }
}
