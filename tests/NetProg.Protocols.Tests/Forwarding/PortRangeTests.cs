using NetProg.Protocols.Forwarding;

namespace NetProg.Protocols.Tests.Forwarding;

public sealed class PortRangeTests
{
    [Theory]
    [InlineData("30000", 30000, 30000, 1)]
    [InlineData("30000-40000", 30000, 40000, 10001)]
    [InlineData("1-65535", 1, 65535, 65535)]
    [InlineData("80-80", 80, 80, 1)]
    public void Should_parse_a_port_or_a_range_with_both_ends_included(string text, int first, int last, int count)
    {
        Assert.True(PortRange.TryParse(text, allowZero: false, out var range, out _));
        Assert.Equal((first, last, count), (range.First, range.Last, range.Count));
        Assert.Equal(text == "80-80" ? "80" : text, range.ToString());
    }

    [Theory]
    [InlineData("", "invalid port")]
    [InlineData("65536", "invalid port")]
    [InlineData("-1", "invalid port range")]
    [InlineData("30000-", "invalid port range")]
    [InlineData("40000-30000", "write 30000-40000")]
    [InlineData("0-10", "invalid port range")]
    [InlineData("3e4", "invalid port")]
    [InlineData(" 30000", "invalid port")]
    public void Should_refuse_what_is_not_a_port_or_a_range_and_say_why(string text, string expected)
    {
        Assert.False(PortRange.TryParse(text, allowZero: false, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_take_port_0_only_alone_and_only_where_any_free_port_makes_sense()
    {
        Assert.True(PortRange.TryParse("0", allowZero: true, out var any, out _));
        Assert.Equal(0, any.First);
        Assert.False(PortRange.TryParse("0", allowZero: false, out _, out _));
    }

    [Fact]
    public void Should_tell_overlapping_ranges_from_disjoint_ones()
    {
        var lecture = new PortRange(30000, 40000);
        Assert.True(lecture.Overlaps(new PortRange(40000, 40010)));
        Assert.False(lecture.Overlaps(new PortRange(40001, 40010)));
        Assert.True(lecture.Contains(35000));
        Assert.False(lecture.Contains(29999));
    }
}
