using NetProg.Cli.Rendering;

namespace NetProg.Cli.Tests;

public sealed class TimeQueryTextTests
{
    [Fact]
    public void Should_call_an_offset_within_the_uncertainty_the_same_clock()
    {
        var line = TimeQueryText.ClockLine(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), zoneKnown: true);

        Assert.Equal("server clock: same as this machine's (± 500 ms)", line);
    }

    [Fact]
    public void Should_say_ahead_or_behind()
    {
        Assert.StartsWith("server clock: 3 s ahead of", TimeQueryText.ClockLine(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500), true));
        Assert.StartsWith("server clock: 3 s behind", TimeQueryText.ClockLine(TimeSpan.FromSeconds(-3), TimeSpan.FromMilliseconds(500), true));
    }

    [Fact]
    public void Should_recognise_a_time_zone_difference_when_the_reply_has_no_zone()
    {
        // Given a ctime reply (no zone) from a server 9 hours ahead: Seoul against UTC
        var line = TimeQueryText.ClockLine(TimeSpan.FromHours(9) + TimeSpan.FromSeconds(0.3), TimeSpan.FromMilliseconds(500), zoneKnown: false);

        Assert.Contains("assumes the server's is this machine's", line);
        Assert.Contains("about +9 h apart: probably another time zone", line);
    }
}
