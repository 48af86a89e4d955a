namespace NetProg.Protocols.Time;

/// <summary>
/// Reads xinetd's RFC 867 daytime line, <c>"%02d %s %d %02d:%02d:%02d %Z\r\n"</c> with an upper-case month:
/// <c>"24 NOV 2026 19:52:49 UTC"</c>. RFC 867 leaves the format free; this is simply the common one.
/// </summary>
internal static class DaytimeText
{
    private const int MaxFieldCount = 5;

    private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);

    public static bool TryParse(ReadOnlySpan<byte> text, TimeZoneInfo localZone, out ParsedTime parsed)
    {
        parsed = default;
        Span<Range> fields = stackalloc Range[MaxFieldCount];
        int count = AsciiText.Tokenize(text, fields);

        // C11 7.27.3.5: %Z is "replaced by no characters if no time zone is determinable", leaving 4 fields.
        if (count is not (4 or 5))
        {
            return false;
        }

        int month = CtimeNames.ParseMonth(text[fields[1]]);
        if (!AsciiText.TryParseNumber(text[fields[0]], 2, out int day)
            || month == 0
            || !AsciiText.TryParseNumber(text[fields[2]], 4, out int year)
            || !AsciiText.TryParseClock(text[fields[3]], out int hour, out int minute, out int second)
            || !ClockTime.TryCreate(year, month, day, hour, minute, second, 0, out DateTime clock))
        {
            return false;
        }

        ReadOnlySpan<byte> zone = count == 5 ? text[fields[4]] : [];
        if (IsUtc(zone))
        {
            return Known(clock, TimeSpan.Zero, out parsed);
        }

        // tzdata has used numeric abbreviations such as "+03" for zones without an English one since 2017, so %Z can be numeric.
        if (NumericOffset.TryParse(zone, allowHoursOnly: true, out TimeSpan offset))
        {
            return Known(clock, offset, out parsed);
        }

        // Any other abbreviation is ambiguous (IST is India, Ireland or Israel; CST is US or China) or unknown to us:
        // read the clock in the client's zone and say so.
        if (!IsAbbreviation(zone) || !ClockTime.TryInZone(clock, localZone, out DateTimeOffset local))
        {
            return false;
        }

        parsed = new ParsedTime(local, ZoneKnown: false, Resolution);
        return true;
    }

    private static bool Known(DateTime clock, TimeSpan offset, out ParsedTime parsed)
    {
        parsed = default;
        if (!ClockTime.TryAtOffset(clock, offset, out DateTimeOffset time))
        {
            return false;
        }

        parsed = new ParsedTime(time, ZoneKnown: true, Resolution);
        return true;
    }

    private static bool IsUtc(ReadOnlySpan<byte> zone)
        => AsciiText.EqualsIgnoreCase(zone, "UTC")
        || AsciiText.EqualsIgnoreCase(zone, "GMT")
        || AsciiText.EqualsIgnoreCase(zone, "UT")
        || AsciiText.EqualsIgnoreCase(zone, "Z");

    /// <summary>Empty (no zone printed) or letters only, as POSIX TZ abbreviations are (at least 3 in POSIX, but be lenient).</summary>
    private static bool IsAbbreviation(ReadOnlySpan<byte> zone)
    {
        const int MaxAbbreviationLength = 6;
        if (zone.Length > MaxAbbreviationLength)
        {
            return false;
        }

        foreach (byte b in zone)
        {
            if (!AsciiText.IsLetter(b))
            {
                return false;
            }
        }

        return true;
    }
}
