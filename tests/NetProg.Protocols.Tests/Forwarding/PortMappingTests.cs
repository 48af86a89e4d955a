using NetProg.Protocols.Forwarding;

namespace NetProg.Protocols.Tests.Forwarding;

/// <summary>The three forms of a router's rule (docs/FORWARD.md): one to one, a range to the same ports, a range to a range of the same length.</summary>
public sealed class PortMappingTests
{
    [Fact]
    public void Should_map_a_range_to_the_same_ports_when_the_target_names_none()
    {
        // Given the lecture's rule: external 30000-40000 to 172.30.1.54, same ports
        Assert.True(PortMapping.TryCreate(new PortRange(30000, 40000), null, out var mapping, out _));

        // Then port N goes to port N
        Assert.Equal(30000, mapping.TargetPort(0));
        Assert.Equal(40000, mapping.TargetPort(10000));
        Assert.Throws<ArgumentOutOfRangeException>(() => mapping.TargetPort(10001));
    }

    [Fact]
    public void Should_map_a_range_to_a_range_of_the_same_length_by_offset()
    {
        Assert.True(PortMapping.TryCreate(new PortRange(8000, 8009), new PortRange(30000, 30009), out var mapping, out _));
        Assert.Equal(30000, mapping.TargetPort(0));
        Assert.Equal(30005, mapping.TargetPort(5));
    }

    [Fact]
    public void Should_map_one_port_to_another_and_any_free_port_to_a_named_one()
    {
        Assert.True(PortMapping.TryCreate(new PortRange(2222, 2222), new PortRange(22, 22), out var one, out _));
        Assert.Equal(22, one.TargetPort(0));
        Assert.True(PortMapping.TryCreate(new PortRange(0, 0), new PortRange(30000, 30000), out var any, out _));
        Assert.Equal(30000, any.TargetPort(0));
    }

    [Theory]
    [InlineData(30000, 40000, 30000, 30000, "leave the port out of --to")]
    [InlineData(30000, 30010, 30000, 30005, "must be the same length")]
    [InlineData(0, 0, null, null, "--to must name the target port")]
    public void Should_refuse_ranges_that_do_not_pair(int first, int last, int? toFirst, int? toLast, string expected)
    {
        PortRange? target = toFirst is null ? null : new PortRange(toFirst.Value, toLast!.Value);
        Assert.False(PortMapping.TryCreate(new PortRange(first, last), target, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
