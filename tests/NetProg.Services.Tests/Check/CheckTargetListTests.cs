using NetProg.Services.Check;

namespace NetProg.Services.Tests.Check;

/// <summary>The <c>--targets</c> file: one server per line, as a TA writes it for a class.</summary>
public sealed class CheckTargetListTests
{
    [Fact]
    public void Should_read_servers_labels_and_line_numbers_and_skip_comments_When_the_file_is_well_formed()
    {
        // Given a file with a comment, CRLF line ends, an IPv6 server, tabs and a blank line
        var text = "# week 4\r\n192.168.0.11:30000 kim min-ji\r\n\r\n[fe80::1%eth0]:30001\tlee\n  host.example:40000  \n";

        // When it is read
        var (targets, bad, tooMany) = CheckTargetList.Parse(text);

        // Then the three servers come back in order, with labels and where they were
        Assert.Null(bad);
        Assert.False(tooMany);
        Assert.Equal(
            [new CheckTarget("192.168.0.11", 30000, "kim min-ji", 2), new CheckTarget("fe80::1%eth0", 30001, "lee", 4), new CheckTarget("host.example", 40000, null, 5)],
            targets);
    }

    [Theory]
    [InlineData("192.168.0.12 lee")]
    [InlineData("192.168.0.12:0")]
    [InlineData("192.168.0.12:65536")]
    [InlineData("192.168.0.12:30000x")]
    [InlineData("fe80::1:30000")]
    [InlineData("[fe80::1]30000")]
    [InlineData(":30000")]
    public void Should_name_the_first_bad_line_When_a_line_is_not_HOST_colon_PORT(string line)
    {
        // When a file whose second line is wrong is read
        var (_, bad, _) = CheckTargetList.Parse($"127.0.0.1:30000\n{line}\n127.0.0.1:30001\n");

        // Then that line is named, as written
        Assert.Equal((2, line), bad);
    }

    [Fact]
    public void Should_refuse_more_servers_than_a_class_has_and_cut_long_labels_When_the_file_is_huge()
    {
        // Given one server more than the bound, the first with a very long label
        var lines = Enumerable.Range(0, CheckTargetList.MaxTargets + 1).Select(i => $"10.0.{i / 250}.{i % 250 + 1}:30000 {(i == 0 ? new string('x', 500) : "s")}");

        // When it is read
        var (targets, bad, tooMany) = CheckTargetList.Parse(string.Join('\n', lines));

        // Then it says too many, and the label kept is bounded
        Assert.Null(bad);
        Assert.True(tooMany);
        Assert.Equal(CheckTargetList.MaxLabelLength, targets[0].Label!.Length);
    }
}
