namespace NetProg.Protocols.Time;

/// <summary>
/// Builds instants from parsed fields without throwing: every range that a <see cref="DateTime"/> or
/// <see cref="DateTimeOffset"/> constructor would reject is checked first, because the fields come off the network.
/// </summary>
internal static class ClockTime
{
    /// <summary>DateTimeOffset accepts offsets up to ±14:00 (the widest in use, Pacific/Kiritimati).</summary>
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    /// <summary>
    /// A clock reading (Kind Unspecified). Second 60 is allowed: C's <c>struct tm</c> permits it for a leap second
    /// (C11 7.27.1) and a system with "right/" zones prints it; like POSIX <c>mktime()</c> we normalise it to the
    /// first second of the next minute, since <see cref="DateTime"/> cannot hold it.
    /// </summary>
    public static bool TryCreate(int year, int month, int day, int hour, int minute, int second, long fractionTicks, out DateTime clock)
    {
        clock = default;
        if (year is < 1 or > 9999
            || month is < 1 or > 12
            || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23
            || minute is < 0 or > 59
            || second is < 0 or > 60
            || fractionTicks is < 0 or >= TimeSpan.TicksPerSecond)
        {
            return false;
        }

        long ticks = new DateTime(year, month, day, hour, minute, 0).Ticks
            + (second * TimeSpan.TicksPerSecond)
            + fractionTicks;
        if (ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        clock = new DateTime(ticks, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>The instant the clock shows at a fixed UTC offset; false when that instant lies outside year 1..9999.</summary>
    public static bool TryAtOffset(DateTime clock, TimeSpan offset, out DateTimeOffset time)
    {
        time = default;
        long utcTicks = clock.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        // A numeric offset beyond ±14:00 (grammatically ±23:59) is still a well-defined instant: keep it, in UTC.
        time = offset.Duration() <= MaxOffset
            ? new DateTimeOffset(clock, offset)
            : new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// The instant the clock shows in <paramref name="zone"/>, with that date's DST rule. A reading in the spring-forward
    /// gap or the repeated autumn hour gets the zone's standard offset (what <see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/>
    /// returns), i.e. <c>mktime()</c> with <c>tm_isdst = 0</c>.
    /// </summary>
    public static bool TryInZone(DateTime clock, TimeZoneInfo zone, out DateTimeOffset time)
        => TryAtOffset(clock, zone.GetUtcOffset(clock), out time);
}
