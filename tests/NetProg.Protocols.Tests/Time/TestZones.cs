namespace NetProg.Protocols.Tests.Time;

/// <summary>Fixed client zones, so the tests do not depend on the machine's TZ.</summary>
internal static class TestZones
{
    /// <summary>Like Asia/Seoul: +09:00, no DST.</summary>
    public static readonly TimeZoneInfo Seoul = Fixed(TimeSpan.FromHours(9));

    public static readonly TimeZoneInfo Utc = Fixed(TimeSpan.Zero);

    /// <summary>Like America/New_York since 2007: -05:00, DST (-04:00) from the 2nd Sunday of March to the 1st Sunday of November, 02:00.</summary>
    public static readonly TimeZoneInfo NewYorkLike = TimeZoneInfo.CreateCustomTimeZone(
        "Test/NewYorkLike",
        TimeSpan.FromHours(-5),
        "Test New York-like",
        "TEST-EST",
        "TEST-EDT",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date,
                DateTime.MaxValue.Date,
                TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday)),
        ]);

    public static TimeZoneInfo Fixed(TimeSpan offset)
    {
        string name = $"Test/Fixed{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
        return TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name);
    }
}
