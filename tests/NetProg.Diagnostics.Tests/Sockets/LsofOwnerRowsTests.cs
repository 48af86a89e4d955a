using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>The owner query over the rows of lsof's field output (lsof(8), "OUTPUT FOR OTHER PROGRAMS"), as on macOS.</summary>
public sealed class LsofOwnerRowsTests
{
    [Fact]
    public void Should_read_pid_and_command_from_captured_lsof_field_output()
    {
        Assert.Equal([new PortOwner(27690, "python3")], Owners(SocketTestData.Read("lsof-tcp-listen.txt"), 30000));
    }

    [Fact]
    public void Should_list_every_process_sharing_the_socket_in_pid_order()
    {
        // A pre-forking server: parent and child hold the same listening socket, which lsof lists once per process; the
        // connection the child accepted is not an owner.
        Assert.Equal(
            [new PortOwner(97, "mDNSResponder"), new PortOwner(811, "nginx"), new PortOwner(812, "nginx")],
            Owners(SocketTestData.Read("lsof-several.txt"), 80));
    }

    [Fact]
    public void Should_keep_a_process_without_a_command_field_and_ignore_garbage()
    {
        Assert.Equal([new PortOwner(5, null)], Owners("p5\r\nxjunk\npnot-a-number\nf3\ntIPv4\nPTCP\nn*:80\nTST=LISTEN\np5\nf4\ntIPv4\nPTCP\nn*:80\nTST=LISTEN\n", 80));
        Assert.Empty(Owners(string.Empty, 80));
    }

    [Fact]
    public void Should_ask_lsof_for_the_port_and_for_listeners_only_when_looking_up_an_owner()
    {
        Assert.Equal(["-nP", "-iTCP:30000", "-sTCP:LISTEN", "-FpcftPnT"], LsofSocketTable.Arguments(new SocketFilter(true, PortProtocol.Tcp, 30000)));
        Assert.Equal(["-nP", "-iUDP:30000", "-FpcftPnT"], LsofSocketTable.Arguments(new SocketFilter(false, PortProtocol.Udp, 30000)));
        Assert.Equal(["-nP", "-i", "-FpcftPnT"], LsofSocketTable.Arguments(SocketFilter.All));
    }

    private static IReadOnlyList<PortOwner> Owners(string lsofOutput, int port) =>
        PortOwners.Of(LsofSocketParser.Parse(lsofOutput), PortProtocol.Tcp, port);
}
