using NetProg.Protocols.Time;

namespace NetProg.Protocols.Tests.Time;

public sealed class TimeFormatterTests
{
    private static readonly TimeSpan Seoul = TimeSpan.FromHours(9);

    [Fact]
    public void Should_write_ctime_exactly_as_C_does()
    {
        var now = new DateTimeOffset(2026, 11, 24, 19, 52, 49, Seoul);

        Assert.Equal("Tue Nov 24 19:52:49 2026\n", Ascii(TimeFormatter.Format(TimeFormat.Ctime, now)));
    }

    [Fact]
    public void Should_write_ctime_for_the_clock_at_the_given_offset()
    {
        var utc = new DateTimeOffset(2026, 11, 24, 19, 52, 49, TimeSpan.Zero);

        Assert.Equal("Tue Nov 24 19:52:49 2026\n", Ascii(TimeFormatter.Format(TimeFormat.Ctime, utc)));
        Assert.Equal("Tue Nov 24 19:52:49 2026\n", Ascii(TimeFormatter.Format(TimeFormat.Ctime, utc.ToOffset(TimeSpan.Zero))));
        Assert.Equal("Wed Nov 25 04:52:49 2026\n", Ascii(TimeFormatter.Format(TimeFormat.Ctime, utc.ToOffset(Seoul))));
    }

    [Fact]
    public void Should_space_pad_a_single_digit_day_in_ctime()
    {
        var now = new DateTimeOffset(2026, 11, 4, 9, 5, 1, Seoul);

        Assert.Equal("Wed Nov  4 09:05:01 2026\n", Ascii(TimeFormatter.Format(TimeFormat.Ctime, now)));
    }

    [Fact]
    public void Should_ignore_sub_seconds_in_ctime()
    {
        var now = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999);

        Assert.Equal("Thu Dec 31 23:59:59 2026\n", Ascii(TimeFormatter.Format(TimeFormat.Ctime, now)));
    }

    [Theory]
    [InlineData(9, 0, "2026-11-24T19:52:49.123456+09:00\r\n")]
    [InlineData(0, 0, "2026-11-24T19:52:49.123456+00:00\r\n")]
    [InlineData(-3, -30, "2026-11-24T19:52:49.123456-03:30\r\n")]
    [InlineData(5, 45, "2026-11-24T19:52:49.123456+05:45\r\n")]
    public void Should_write_iso8601_with_microseconds_and_numeric_offset(int hours, int minutes, string expected)
    {
        // .1234567 s: the 7th digit must be truncated, not rounded up to .123457.
        var now = new DateTimeOffset(2026, 11, 24, 19, 52, 49, new TimeSpan(hours, minutes, 0)).AddTicks(1_234_567);

        Assert.Equal(expected, Ascii(TimeFormatter.Format(TimeFormat.Iso8601, now)));
    }

    [Fact]
    public void Should_not_round_iso8601_up_into_the_next_second()
    {
        var now = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999);

        Assert.Equal("2026-12-31T23:59:59.999999+00:00\r\n", Ascii(TimeFormatter.Format(TimeFormat.Iso8601, now)));
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", new byte[] { 0x83, 0xAA, 0x7E, 0x80 })]
    [InlineData("2026-11-24T10:52:49Z", new byte[] { 0xEE, 0xAF, 0xEB, 0x01 })]
    [InlineData("2026-11-24T19:52:49+09:00", new byte[] { 0xEE, 0xAF, 0xEB, 0x01 })]
    [InlineData("2026-11-24T10:52:49.999Z", new byte[] { 0xEE, 0xAF, 0xEB, 0x01 })]
    [InlineData("2036-02-07T06:28:15Z", new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })]
    [InlineData("2036-02-07T06:28:16Z", new byte[] { 0x00, 0x00, 0x00, 0x00 })]
    [InlineData("2036-02-07T06:28:17.9Z", new byte[] { 0x00, 0x00, 0x00, 0x01 })]
    [InlineData("2040-01-01T00:00:00Z", new byte[] { 0x07, 0x54, 0xFD, 0x00 })]
    [InlineData("1900-01-01T00:00:00Z", new byte[] { 0x00, 0x00, 0x00, 0x00 })]
    public void Should_write_rfc868_seconds_since_1900_big_endian_mod_2_pow_32(string instant, byte[] expected)
    {
        Assert.Equal(expected, TimeFormatter.Format(TimeFormat.Rfc868, Instant(instant)));
    }

    [Fact]
    public void Should_not_throw_for_extreme_dates()
    {
        foreach (TimeFormat format in Enum.GetValues<TimeFormat>())
        {
            Assert.NotEmpty(TimeFormatter.Format(format, DateTimeOffset.MinValue));
            Assert.NotEmpty(TimeFormatter.Format(format, DateTimeOffset.MaxValue));
            Assert.NotEmpty(TimeFormatter.Format(format, new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.FromHours(14))));
            Assert.NotEmpty(TimeFormatter.Format(format, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.FromHours(-14))));
        }
    }

    [Fact]
    public void Should_write_years_below_1000_like_C()
    {
        var now = new DateTimeOffset(999, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("Tue Jan  1 00:00:00 999\n", Ascii(TimeFormatter.Format(TimeFormat.Ctime, now)));
        Assert.Equal("0999-01-01T00:00:00.000000+00:00\r\n", Ascii(TimeFormatter.Format(TimeFormat.Iso8601, now)));
    }

    [Theory]
    [InlineData(TimeFormat.Ctime, 25)]
    [InlineData(TimeFormat.Iso8601, 34)]
    [InlineData(TimeFormat.Rfc868, 4)]
    public void Should_write_into_a_span_the_same_bytes_as_the_array_overload(TimeFormat format, int expectedLength)
    {
        var now = new DateTimeOffset(2026, 11, 24, 19, 52, 49, Seoul).AddTicks(1_234_567);
        Span<byte> buffer = stackalloc byte[TimeFormatter.MaxLength];
        buffer.Fill(0xCC);

        int written = TimeFormatter.Format(format, now, buffer);

        Assert.Equal(expectedLength, written);
        Assert.True(written <= TimeFormatter.MaxLength);
        Assert.Equal(TimeFormatter.Format(format, now), buffer[..written].ToArray());
        Assert.Equal(0xCC, buffer[written]);
    }

    [Fact]
    public void Should_reject_a_destination_that_is_too_short()
    {
        var now = new DateTimeOffset(2026, 11, 24, 19, 52, 49, Seoul);
        byte[] buffer = new byte[24];

        Assert.Throws<ArgumentException>(() => TimeFormatter.Format(TimeFormat.Ctime, now, buffer));
        Assert.Equal(4, TimeFormatter.Format(TimeFormat.Rfc868, now, buffer.AsSpan(0, 4)));
    }

    [Fact]
    public void Should_reject_an_undefined_format()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeFormatter.Format((TimeFormat)42, DateTimeOffset.UnixEpoch));
    }

    private static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes);

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
