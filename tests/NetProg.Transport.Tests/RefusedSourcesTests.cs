namespace NetProg.Transport.Tests;

/// <summary>
/// <see cref="RefusedSources"/>: which refusals are logged. Timestamps are given in milliseconds, so a minute is 60,000 and no
/// clock is needed.
/// </summary>
public sealed class RefusedSourcesTests
{
    private const long Minute = 60_000;

    [Fact]
    public void Should_name_an_address_once_a_minute_however_often_it_is_refused()
    {
        // Given a table, and a client refused 100 times a second for two minutes
        var table = new RefusedSources(ticksPerSecond: 1000, start: 0);
        var address = IPAddress.Parse("192.0.2.7");
        var named = new List<long>();

        // When each refusal is recorded
        for (long t = 0; t < 2 * Minute; t += 10)
        {
            if (table.Record(address, t).Name)
            {
                named.Add(t);
            }
        }

        // Then it is named at its first refusal and again a minute later: not once per attempt, never silent for good
        Assert.Equal([0L, Minute], named);
    }

    [Fact]
    public void Should_keep_naming_new_addresses_and_summarise_the_rest_When_spoofed_sources_flood_the_table()
    {
        // Given a table, and 20,000 distinct spoofed sources refused at once (five times its capacity)
        var table = new RefusedSources(ticksPerSecond: 1000, start: 0);
        var namedFirstMinute = 0;
        long summarisedFirstMinute = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var notice = table.Record(Spoofed(i), 0);
            namedFirstMinute += notice.Name ? 1 : 0;
            summarisedFirstMinute += notice.OthersNotNamed;
        }

        // When, after the minute, the attacker's next source and then a real client are refused
        var afterFlood = table.Record(Spoofed(20_000), Minute);
        var student = table.Record(IPAddress.Parse("10.0.0.5"), Minute);

        // Then at most a table's worth was named in the minute, nothing was summarised yet (one summary a minute), the next
        // refusal carries the summary of every refusal not named, and the student is named: the log is not blinded
        Assert.InRange(namedFirstMinute, 1, RefusedSources.Capacity);
        Assert.Equal(0, summarisedFirstMinute);
        Assert.Equal(20_000 - namedFirstMinute, afterFlood.OthersNotNamed);
        Assert.Equal(TimeSpan.FromMinutes(1), afterFlood.Over);
        Assert.True(student.Name);
        Assert.Equal(0, student.OthersNotNamed);
    }

    [Fact]
    public void Should_give_no_summary_When_every_refused_address_was_named()
    {
        // Given three clients refused now and then over ten minutes
        var table = new RefusedSources(ticksPerSecond: 1000, start: 0);
        var notices = new List<RefusalNotice>();
        for (long t = 0; t < 10 * Minute; t += 7_000)
        {
            notices.Add(table.Record(IPAddress.Parse($"198.51.100.{1 + (t / 7_000 % 3)}"), t));
        }

        // Then no summary line: there was nobody left unnamed
        Assert.All(notices, n => Assert.Equal(0, n.OthersNotNamed));
        Assert.Contains(notices, n => n.Name);
    }

    private static IPAddress Spoofed(int i) => new([203, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);
}
