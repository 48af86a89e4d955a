using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Tests;

public sealed class LsofParserTests
{
    [Fact]
    public void Should_read_pid_and_command_from_captured_lsof_field_output()
    {
        Assert.Equal([new PortOwner(3430, "python3")], LsofParser.Parse(TestData.Read("lsof-tcp-listen.txt")));
    }

    [Fact]
    public void Should_list_every_process_sharing_the_socket_in_pid_order()
    {
        // A pre-forking server: parent and child hold the same listening socket; 'f' lines are ignored.
        Assert.Equal(
            [new PortOwner(97, "mDNSResponder"), new PortOwner(811, "nginx"), new PortOwner(812, "nginx")],
            LsofParser.Parse(TestData.Read("lsof-several.txt")));
    }

    [Fact]
    public void Should_keep_a_process_without_a_command_field_and_ignore_garbage()
    {
        Assert.Equal([new PortOwner(5, null)], LsofParser.Parse("p5\r\nxjunk\npnot-a-number\ncorphan\n"));
        Assert.Empty(LsofParser.Parse(string.Empty));
    }
}
