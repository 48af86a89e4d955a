namespace NetProg.Transport.Tests;

/// <summary>RLIMIT_NOFILE through <see cref="DescriptorLimit"/> (raise where the OS allows, fail up front where not: docs/FORWARD.md).</summary>
public sealed class DescriptorLimitTests
{
    [Fact]
    public void Should_grant_a_modest_count_and_report_a_limit_at_least_that_high_on_Unix()
    {
        var limit = DescriptorLimit.Ensure(256);

        if (OperatingSystem.IsWindows())
        {
            Assert.Null(limit);
            return;
        }

        Assert.NotNull(limit);
        Assert.True(limit >= 256, $"limit {limit}");
    }

    [Fact]
    public void Should_report_a_limit_below_an_impossible_count_rather_than_pretend()
    {
        // 2^40 descriptors exceeds fs.nr_open on Linux and kern.maxfilesperproc on macOS, even for root.
        var limit = DescriptorLimit.Ensure(1L << 40);

        if (!OperatingSystem.IsWindows())
        {
            Assert.NotNull(limit);
            Assert.True(limit < (1L << 40), $"limit {limit}");
        }
    }
}
