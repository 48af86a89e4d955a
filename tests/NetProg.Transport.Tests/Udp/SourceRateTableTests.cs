using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests.Udp;

/// <summary>The far-source buckets, driven by explicit timestamps (1,000 ticks a second here): no sleeping, no timers.</summary>
public sealed class SourceRateTableTests
{
    private const long Second = 1000;

    // Distinct far IPv4 sources in 203.0.0.0/8 (only address values here).
    internal static SourceKey Far(int i) => SourceKey.Of(new IPAddress([203, (byte)(i >> 16), (byte)(i >> 8), (byte)i]));

    private static SourceKey Key(string address) => SourceKey.Of(IPAddress.Parse(address));

    [Fact]
    public void Should_answer_the_burst_then_drop_then_refill_at_the_rate()
    {
        // Given 100 per second for one source
        var table = new SourceRateTable(100, Second);
        var source = Key("203.0.113.9");

        // When it sends 150 datagrams at one instant, then 10 more 100 ms later
        var first = Enumerable.Range(0, 150).Count(_ => table.TryTake(source, 0) == UdpDropReason.None);
        var later = Enumerable.Range(0, 15).Count(_ => table.TryTake(source, 100) == UdpDropReason.None);

        // Then the burst of 100 is answered, then what 100 ms refilled (10)
        Assert.Equal(100, first);
        Assert.Equal(10, later);
        Assert.Equal(UdpDropReason.RateLimited, table.TryTake(source, 100));
    }

    [Fact]
    public void Should_not_refill_past_the_burst_after_a_long_silence()
    {
        var table = new SourceRateTable(100, Second);
        var source = Key("203.0.113.9");
        Enumerable.Range(0, 100).ToList().ForEach(_ => table.TryTake(source, 0));

        // An hour later, still only the burst
        Assert.Equal(100, Enumerable.Range(0, 200).Count(_ => table.TryTake(source, 3600 * Second) == UdpDropReason.None));
    }

    [Fact]
    public void Should_share_one_bucket_among_the_addresses_of_one_IPv6_64()
    {
        var table = new SourceRateTable(100, Second);

        // 200 datagrams from 200 interface identifiers of one /64
        var answered = Enumerable.Range(0, 200).Count(i => table.TryTake(Key($"2001:db8:1:2::{i + 1:x}"), 0) == UdpDropReason.None);

        Assert.Equal(100, answered);
        Assert.Equal(UdpDropReason.None, table.TryTake(Key("2001:db8:1:3::1"), 0));
    }

    [Fact]
    public void Should_bound_what_many_sources_get_in_all_by_the_far_budget()
    {
        // Given 100 per second per source, so 1,000 per second for all far sources together
        var table = new SourceRateTable(100, Second);

        // When 100,000 spoofed sources send one datagram each within one second, then as many in the next second
        var firstSecond = Enumerable.Range(0, 100_000).Count(i => table.TryTake(Far(i), i / 100) == UdpDropReason.None);
        var secondSecond = Enumerable.Range(0, 100_000).Count(i => table.TryTake(Far(i + 100_000), Second + (i / 100)) == UdpDropReason.None);

        // Then the burst plus one second's budget at most, then one second's budget (the rest: dropped by the shared budget)
        Assert.InRange(firstSecond, 1000, 2000);
        Assert.InRange(secondSecond, 900, 1000);
        Assert.Equal(UdpDropReason.FarSourcesRateLimited, table.TryTake(Far(300_000), Second + 999));
    }

    [Fact]
    public void Should_keep_its_table_at_the_fixed_size_whatever_the_number_of_sources()
    {
        var table = new SourceRateTable(100, Second);
        for (var i = 0; i < 200_000; i++)
        {
            table.TryTake(Far(i), i);
        }

        Assert.InRange(table.Count, 1, SourceRateTable.Slots);
    }

    [Fact]
    public void Should_never_answer_a_flooding_source_more_than_its_bucket_when_others_collide_with_it()
    {
        // Given one source flooding, and 100,000 others passing through the table meanwhile (some land on its slot)
        var table = new SourceRateTable(100, Second);
        var flooder = Key("198.51.100.77");
        var answered = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var now = i / 100; // 100 seconds in all
            table.TryTake(Far(i), now);
            if (table.TryTake(flooder, now) == UdpDropReason.None)
            {
                answered++;
            }
        }

        // Then it got its burst and its rate over 100 seconds, no more (a collision takes an idle slot or shares a bucket)
        Assert.InRange(answered, 1, 100 + (100 * 100));
    }
}
