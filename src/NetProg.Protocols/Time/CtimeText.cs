namespace NetProg.Protocols.Time;

/// <summary>
/// Reads C's <c>ctime()</c> text, <c>"Tue Nov 24 19:52:49 2026"</c> (already trimmed). Fields are split on runs of
/// blanks, so the standard space-padded day (<c>"Nov  4"</c>), a zero-padded one (<c>"Nov 04"</c>) and a single-spaced
/// one (<c>"Nov 4"</c>, hand-written servers) all read the same.
/// </summary>
internal static class CtimeText
{
    private const int FieldCount = 5;

    private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);

    public static bool TryParse(ReadOnlySpan<byte> text, TimeZoneInfo localZone, out ParsedTime parsed)
    {
        parsed = default;
        Span<Range> fields = stackalloc Range[FieldCount];
        if (AsciiText.Tokenize(text, fields) != FieldCount)
        {
            return false;
        }

        // The weekday must be a weekday name, but one that disagrees with the date is kept, not rejected: the date is
        // what the client compares, and a server with a wrong weekday is a curiosity to show, not a reason to drop the time.
        int month = CtimeNames.ParseMonth(text[fields[1]]);
        if (!CtimeNames.IsDay(text[fields[0]])
            || month == 0
            || !AsciiText.TryParseNumber(text[fields[2]], 2, out int day)
            || !AsciiText.TryParseClock(text[fields[3]], out int hour, out int minute, out int second)
            || !AsciiText.TryParseNumber(text[fields[4]], 4, out int year)
            || !ClockTime.TryCreate(year, month, day, hour, minute, second, 0, out DateTime clock)
            || !ClockTime.TryInZone(clock, localZone, out DateTimeOffset time))
        {
            return false;
        }

        // ctime() prints localtime() without naming the zone: assume the server shares the client's.
        parsed = new ParsedTime(time, ZoneKnown: false, Resolution);
        return true;
    }
}
