using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>
/// The netlink sock_diag codec on bytes built by hand from linux/netlink.h and linux/inet_diag.h (sock_diag(7)): the
/// request the table sends, and the kernel's replies it reads, without a kernel.
/// </summary>
public sealed class InetDiagCodecTests
{
    private const uint Sequence = 7;

    [Fact]
    public void Should_build_a_dump_request_for_ipv6_tcp_listeners()
    {
        var request = new byte[InetDiagRequest.Size];

        InetDiagRequest.Write(request, AddressFamily.InterNetworkV6, PortProtocol.Tcp, InetDiagRequest.ListenState, Sequence, littleEndianHost: true);

        byte[] expected =
        [
            72, 0, 0, 0, // nlmsg_len
            20, 0, // nlmsg_type SOCK_DIAG_BY_FAMILY
            0x01, 0x03, // nlmsg_flags NLM_F_REQUEST | NLM_F_DUMP (NLM_F_ROOT | NLM_F_MATCH)
            7, 0, 0, 0, // nlmsg_seq
            0, 0, 0, 0, // nlmsg_pid
            10, 6, 0, 0, // sdiag_family AF_INET6, sdiag_protocol IPPROTO_TCP, idiag_ext, pad
            0x00, 0x04, 0, 0, // idiag_states 1 << TCP_LISTEN (10)
            .. new byte[48], // inet_diag_sockid: zero for a dump
        ];
        Assert.Equal(expected, request);
    }

    [Fact]
    public void Should_write_the_header_in_the_host_byte_order()
    {
        var request = new byte[InetDiagRequest.Size];

        InetDiagRequest.Write(request, AddressFamily.InterNetwork, PortProtocol.Udp, InetDiagRequest.AllStates, 1, littleEndianHost: false);

        Assert.Equal([0, 0, 0, 72, 0, 20, 0x03, 0x01, 0, 0, 0, 1], request[..12]);
        Assert.Equal([2, 17, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], request[16..24]);
    }

    [Fact]
    public void Should_read_an_ipv4_listener_and_connection_then_stop_at_done()
    {
        // Given one datagram: a listener on 127.0.0.1:30000, a connection 127.0.0.1:40372 -> 127.0.0.1:30000, NLMSG_DONE
        var datagram = Concat(
            Message(4, 0x0A, 30000, 0, [127, 0, 0, 1], [0, 0, 0, 0], inode: 9962),
            Message(4, 0x01, 40372, 30000, [127, 0, 0, 1], [127, 0, 0, 1], inode: 9965),
            Done());
        var rows = new List<KernelSocket>();

        // When it is parsed
        var progress = InetDiagReplyParser.Parse(datagram, PortProtocol.Tcp, Sequence, littleEndianHost: true, rows, 100, out var error);

        // Then both rows are read, the listener without a peer, and the dump is over
        Assert.Equal(InetDiagProgress.Done, progress);
        Assert.Equal(0, error);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new SocketEntry(PortProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 30000), null, SocketStates.Listen, null, null, false), rows[0].Entry);
        Assert.Equal(9962UL, rows[0].Inode);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 30000), rows[1].Entry.Remote);
        Assert.Equal(SocketStates.Established, rows[1].Entry.State);
        Assert.Equal(9965UL, rows[1].Inode);
    }

    [Fact]
    public void Should_read_ipv6_and_ipv4_mapped_addresses_and_udp_states()
    {
        byte[] mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 192, 168, 0, 7];
        var datagram = Concat(
            Message(16, 0x07, 30002, 0, new byte[16], new byte[16], inode: 9968),
            Message(16, 0x01, 5353, 30000, mapped, [.. IPAddress.IPv6Loopback.GetAddressBytes()], inode: 10));
        var rows = new List<KernelSocket>();

        var progress = InetDiagReplyParser.Parse(datagram, PortProtocol.Udp, Sequence, littleEndianHost: true, rows, 100, out _);

        Assert.Equal(InetDiagProgress.More, progress);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 30002), rows[0].Entry.Local);
        Assert.Null(rows[0].Entry.Remote);
        Assert.Equal(SocketStates.Unconnected, rows[0].Entry.State);
        Assert.Equal(IPAddress.Parse("::ffff:192.168.0.7"), rows[1].Entry.Local.Address);
        Assert.Equal(SocketStates.Established, rows[1].Entry.State);
        Assert.Equal(AddressFamily.InterNetworkV6, rows[1].Entry.Family);
    }

    [Fact]
    public void Should_report_the_kernels_error_and_keep_nothing()
    {
        // NLMSG_ERROR with -ENOENT (2): the udp_diag module is not loaded.
        var error = new byte[20];
        Header(error, 20, type: 2);
        BinaryPrimitives.WriteInt32LittleEndian(error.AsSpan(16), -2);
        var rows = new List<KernelSocket>();

        Assert.Equal(InetDiagProgress.Failed, InetDiagReplyParser.Parse(error, PortProtocol.Udp, Sequence, true, rows, 100, out var errno));
        Assert.Equal(2, errno);
        Assert.Empty(rows);
    }

    [Fact]
    public void Should_skip_replies_to_an_earlier_request_and_unknown_families()
    {
        var stale = Message(4, 0x0A, 1, 0, [127, 0, 0, 1], [0, 0, 0, 0], inode: 1);
        BinaryPrimitives.WriteUInt32LittleEndian(stale.AsSpan(8), Sequence - 1);
        var unix = Message(4, 0x0A, 2, 0, [127, 0, 0, 1], [0, 0, 0, 0], inode: 2);
        unix[16] = 1; // AF_UNIX
        var rows = new List<KernelSocket>();

        Assert.Equal(InetDiagProgress.More, InetDiagReplyParser.Parse(Concat(stale, unix), PortProtocol.Tcp, Sequence, true, rows, 100, out _));
        Assert.Empty(rows);
    }

    [Fact]
    public void Should_stop_at_the_row_limit()
    {
        var datagram = Concat(
            Message(4, 0x0A, 1, 0, [127, 0, 0, 1], [0, 0, 0, 0], inode: 1),
            Message(4, 0x0A, 2, 0, [127, 0, 0, 1], [0, 0, 0, 0], inode: 2),
            Message(4, 0x0A, 3, 0, [127, 0, 0, 1], [0, 0, 0, 0], inode: 3));
        var rows = new List<KernelSocket>();

        Assert.Equal(InetDiagProgress.Full, InetDiagReplyParser.Parse(datagram, PortProtocol.Tcp, Sequence, true, rows, 2, out _));
        Assert.Equal([1UL, 2UL], rows.Select(r => r.Inode));
    }

    [Theory]
    [InlineData(0)] // nlmsg_len 0 would loop forever if trusted
    [InlineData(15)] // shorter than a header
    [InlineData(4096)] // longer than the datagram
    public void Should_fail_on_a_length_that_does_not_fit(int length)
    {
        var message = Message(4, 0x0A, 1, 0, [127, 0, 0, 1], [0, 0, 0, 0], inode: 1);
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)length);
        var rows = new List<KernelSocket>();

        Assert.Equal(InetDiagProgress.Failed, InetDiagReplyParser.Parse(message, PortProtocol.Tcp, Sequence, true, rows, 100, out var errno));
        Assert.Equal(0, errno);
        Assert.Empty(rows);
    }

    [Fact]
    public void Should_ignore_a_message_too_short_for_inet_diag_msg_and_a_trailing_partial_header()
    {
        var shortMessage = new byte[40];
        Header(shortMessage, 40, type: 20);
        var rows = new List<KernelSocket>();

        Assert.Equal(InetDiagProgress.More, InetDiagReplyParser.Parse(Concat(shortMessage, new byte[7]), PortProtocol.Tcp, Sequence, true, rows, 100, out _));
        Assert.Empty(rows);
    }

    // struct nlmsghdr + struct inet_diag_msg, little-endian host, with 4 bytes of attributes after it as the kernel sends.
    private static byte[] Message(int addressLength, byte state, int sourcePort, int destinationPort, byte[] source, byte[] destination, uint inode)
    {
        var message = new byte[16 + 72 + 8];
        Header(message, message.Length, type: 20);
        var body = message.AsSpan(16);
        body[0] = (byte)(addressLength == 4 ? 2 : 10);
        body[1] = state;
        BinaryPrimitives.WriteUInt16BigEndian(body[4..], (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(body[6..], (ushort)destinationPort);
        source.CopyTo(body[8..]);
        destination.CopyTo(body[24..]);
        BinaryPrimitives.WriteUInt32LittleEndian(body[68..], inode);
        BinaryPrimitives.WriteUInt16LittleEndian(body[72..], 5); // an rtattr: INET_DIAG_SHUTDOWN, 1 byte of value
        BinaryPrimitives.WriteUInt16LittleEndian(body[74..], 8);
        return message;
    }

    [Fact]
    public void Should_end_at_a_done_whose_int_is_positive_with_no_errno()
    {
        // Given an NLMSG_DONE carrying 5, which no errno is (an errno comes negated): a fuzzer's find
        var done = Done();
        BinaryPrimitives.WriteInt32LittleEndian(done.AsSpan(16), 5);

        // When it is parsed
        var progress = InetDiagReplyParser.Parse(done, PortProtocol.Tcp, Sequence, littleEndianHost: true, [], 100, out var error);

        // Then the dump is over and no error is reported (an errno only ever comes with Failed)
        Assert.Equal(InetDiagProgress.Done, progress);
        Assert.Equal(0, error);
    }

    private static byte[] Done()
    {
        var done = new byte[20];
        Header(done, 20, type: 3);
        return done;
    }

    private static void Header(Span<byte> message, int length, ushort type)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(message[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(message[6..], 0x2); // NLM_F_MULTI
        BinaryPrimitives.WriteUInt32LittleEndian(message[8..], Sequence);
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
