using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>
/// GetExtendedTcpTable / GetExtendedUdpTable buffers built by hand from the tcpmib.h and udpmib.h layouts
/// (no Windows machine here): the P/Invoke only fills bytes, this parser is where the layout is right or wrong.
/// </summary>
public sealed class IpHelperTableParserTests
{
    [Fact]
    public void Should_read_ipv4_tcp_rows_with_network_order_ports()
    {
        // Given a listener on 0.0.0.0:30000 (pid 1234) and a TIME_WAIT row owned by pid 0
        var buffer = Table(2, IpHelperTableParser.Tcp4RowSize, (row, i) =>
        {
            Dword(row, 0, i == 0 ? 2u : 11u); // MIB_TCP_STATE_LISTEN, MIB_TCP_STATE_TIME_WAIT
            (i == 0 ? [0, 0, 0, 0] : new byte[] { 127, 0, 0, 1 }).CopyTo(row[4..]);
            Port(row[8..], 30000);
            (i == 0 ? [0, 0, 0, 0] : new byte[] { 127, 0, 0, 1 }).CopyTo(row[12..]);
            Port(row[16..], i == 0 ? 0 : 51000);
            Dword(row, 20, i == 0 ? 1234u : 0u);
        });

        // When it is parsed
        var entries = IpHelperTableParser.ParseTcp(buffer, AddressFamily.InterNetwork);

        // Then
        Assert.Equal(2, entries.Count);
        Assert.Equal(new SocketEntry(PortProtocol.Tcp, new IPEndPoint(IPAddress.Any, 30000), null, SocketStates.Listen, 1234, null, false), entries[0]);
        Assert.Equal(SocketStates.TimeWait, entries[1].State);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 51000), entries[1].Remote);
        Assert.Null(entries[1].ProcessId);
    }

    [Fact]
    public void Should_read_ipv6_tcp_rows_with_scope_ids()
    {
        var buffer = Table(1, IpHelperTableParser.Tcp6RowSize, (row, _) =>
        {
            IPAddress.IPv6Loopback.GetAddressBytes().CopyTo(row);
            Port(row[20..], 30001);
            IPAddress.Parse("fe80::1").GetAddressBytes().CopyTo(row[24..]);
            Dword(row, 40, 7);
            Port(row[44..], 443);
            Dword(row, 48, 5); // ESTAB
            Dword(row, 52, 99);
        });

        var entry = Assert.Single(IpHelperTableParser.ParseTcp(buffer, AddressFamily.InterNetworkV6));

        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 30001), entry.Local);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("fe80::1%7"), 443), entry.Remote);
        Assert.Equal(SocketStates.Established, entry.State);
        Assert.Equal(99, entry.ProcessId);
    }

    [Fact]
    public void Should_read_udp_rows_of_both_families()
    {
        var v4 = Table(1, IpHelperTableParser.Udp4RowSize, (row, _) =>
        {
            new byte[] { 127, 0, 0, 1 }.CopyTo(row);
            Port(row[4..], 30000);
            Dword(row, 8, 555);
        });
        var v6 = Table(1, IpHelperTableParser.Udp6RowSize, (row, _) =>
        {
            Port(row[20..], 30002);
            Dword(row, 24, 556);
        });

        var entry4 = Assert.Single(IpHelperTableParser.ParseUdp(v4, AddressFamily.InterNetwork));
        var entry6 = Assert.Single(IpHelperTableParser.ParseUdp(v6, AddressFamily.InterNetworkV6));

        Assert.Equal(new SocketEntry(PortProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 30000), null, SocketStates.Unconnected, 555, null, false), entry4);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 30002), entry6.Local);
        Assert.Equal(556, entry6.ProcessId);
    }

    [Fact]
    public void Should_stop_at_the_end_of_a_short_buffer()
    {
        // Given a count of 5 but room for one row (the table shrank between calls), Then only whole rows are read
        var buffer = Table(1, IpHelperTableParser.Udp4RowSize, (row, _) => Port(row[4..], 7));
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, 5);

        Assert.Single(IpHelperTableParser.ParseUdp(buffer, AddressFamily.InterNetwork));
        Assert.Empty(IpHelperTableParser.ParseUdp([1, 0], AddressFamily.InterNetwork));
    }

    private static byte[] Table(int rows, int rowSize, System.Buffers.SpanAction<byte, int> write)
    {
        var buffer = new byte[4 + (rows * rowSize)];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)rows);
        for (var i = 0; i < rows; i++)
        {
            var row = buffer.AsSpan(4 + (i * rowSize), rowSize);
            write(row, i);
        }

        return buffer;
    }

    private static void Dword(Span<byte> row, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(row[offset..], value);

    // The port DWORD: network-order port in bytes 0-1; bytes 2-3 filled with junk to check they are ignored.
    private static void Port(Span<byte> field, int port)
    {
        BinaryPrimitives.WriteUInt16BigEndian(field, (ushort)port);
        field[2] = 0xAB;
        field[3] = 0xCD;
    }
}
