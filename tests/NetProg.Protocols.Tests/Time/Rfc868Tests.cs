using NetProg.Protocols.Time;

namespace NetProg.Protocols.Tests.Time;

public sealed class Rfc868Tests
{
    private static readonly DateTimeOffset Wrap = new(2036, 2, 7, 6, 28, 16, TimeSpan.Zero);

    [Fact]
    public void Should_count_2_208_988_800_seconds_from_1900_to_1970()
    {
        Assert.Equal(2_208_988_800, Rfc868.SecondsFrom1900To1970);
        Assert.Equal(Rfc868.SecondsFrom1900To1970, (long)(DateTimeOffset.UnixEpoch - new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds);
        Assert.Equal(Wrap, new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(Rfc868.EraSeconds));
    }

    [Fact]
    public void Should_pick_the_era_before_the_wrap_when_the_client_is_just_before_it()
    {
        DateTimeOffset reference = Wrap.AddDays(-1);

        Assert.Equal(Wrap.AddSeconds(-1), Rfc868.Decode(0xFFFF_FFFF, reference));
        Assert.Equal(Wrap.AddSeconds(1), Rfc868.Decode(0x0000_0001, reference));
    }

    [Fact]
    public void Should_pick_the_era_after_the_wrap_when_the_client_is_just_past_it()
    {
        DateTimeOffset reference = Wrap.AddDays(1);

        Assert.Equal(Wrap.AddSeconds(-1), Rfc868.Decode(0xFFFF_FFFF, reference));
        Assert.Equal(Wrap.AddSeconds(1), Rfc868.Decode(0x0000_0001, reference));
        Assert.Equal(Wrap, Rfc868.Decode(0, reference));
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z")]
    [InlineData("2026-11-24T10:52:50Z", "1970-01-01T00:00:00Z")]
    [InlineData("2100-01-01T00:00:00Z", "2106-02-07T06:28:16Z")]
    [InlineData("2250-01-01T00:00:00Z", "2242-03-16T12:56:32Z")]
    public void Should_pick_the_era_nearest_the_client_clock(string reference, string expected)
    {
        Assert.Equal(Instant(expected), Rfc868.Decode(0x83AA_7E80, Instant(reference)));
    }

    [Fact]
    public void Should_pick_a_valid_era_even_for_an_absurd_client_clock()
    {
        Assert.Equal(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), Rfc868.Decode(0, DateTimeOffset.MinValue));
        Assert.Equal(new DateTimeOffset(2172, 3, 15, 12, 56, 32, TimeSpan.Zero), Rfc868.Decode(0, DateTimeOffset.MaxValue));
    }

    [Fact]
    public void Should_floor_sub_seconds_and_wrap_past_2036()
    {
        Assert.Equal(0u, Rfc868.Encode(Wrap.AddTicks(9_999_999)));
        Assert.Equal(0xFFFF_FFFFu, Rfc868.Encode(Wrap.AddTicks(-1)));
        Assert.Equal(0u, Rfc868.Encode(Wrap.AddSeconds(Rfc868.EraSeconds)));
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
