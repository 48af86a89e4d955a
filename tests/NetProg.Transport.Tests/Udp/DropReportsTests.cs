using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests.Udp;

/// <summary>When a drop is logged, driven by explicit timestamps (1,000 ticks a second): no sleeping.</summary>
public sealed class DropReportsTests
{
    private const long Second = 1000;
    private const long Minute = 60 * Second;

    private static SourceKey Key(string address) => SourceKey.Of(IPAddress.Parse(address));

    [Fact]
    public void Should_log_the_first_drop_then_once_a_minute_with_the_count_since()
    {
        var reports = new DropReports(Second);
        var source = Key("203.0.113.9");

        // The first drop is logged at once, with a count of 1
        Assert.True(reports.Record(source, UdpDropReason.RateLimited, 0, out var count, out var since));
        Assert.Equal(1, count);
        Assert.Equal(0, since);

        // 899 more within the minute: none logged
        Assert.DoesNotContain(Enumerable.Range(1, 899), i => reports.Record(source, UdpDropReason.RateLimited, i * 50, out _, out _));

        // The first after the minute is logged, counting the 899 and itself
        Assert.True(reports.Record(source, UdpDropReason.RateLimited, Minute + 1, out count, out since));
        Assert.Equal(900, count);
        Assert.Equal(Minute + 1, since);

        // And again a minute after that: never silent for the server's life
        Assert.False(reports.Record(source, UdpDropReason.RateLimited, Minute + 2, out _, out _));
        Assert.True(reports.Record(source, UdpDropReason.RateLimited, (3 * Minute) + 5, out count, out _));
        Assert.Equal(2, count);
    }

    [Fact]
    public void Should_log_each_reason_of_one_source_on_its_own()
    {
        var reports = new DropReports(Second);
        var source = Key("127.0.0.1");

        Assert.True(reports.Record(source, UdpDropReason.PrivilegedSourcePort, 0, out _, out _));
        Assert.True(reports.Record(source, UdpDropReason.SourcePortZero, 0, out _, out _));
        Assert.False(reports.Record(source, UdpDropReason.PrivilegedSourcePort, 1, out _, out _));
    }

    [Fact]
    public void Should_log_at_most_one_line_per_slot_a_minute_under_a_flood_of_sources()
    {
        // Given 100,000 sources dropped within one minute
        var reports = new DropReports(Second);
        var lines = 0;
        for (var i = 0; i < 100_000; i++)
        {
            if (reports.Record(SourceRateTableTests.Far(i), UdpDropReason.RateLimited, i / 10, out _, out _))
            {
                lines++;
            }
        }

        // Then the log got at most a line per slot, not one per source
        Assert.InRange(lines, 1, DropReports.Slots);
    }
}
