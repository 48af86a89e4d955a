namespace NetProg.Protocols.Time;

/// <summary>
/// Reads an ISO 8601 extended date-time, <c>yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z|±hh:mm|±hhmm]</c>, at fixed positions.
/// RFC 3339 5.6 also allows a lower-case <c>t</c>/<c>z</c> and a space instead of <c>T</c>; we accept those too.
/// </summary>
internal static class Iso8601Text
{
    private const int DateTimeLength = 19; // "2026-11-24T19:52:49"
    private const int MaxFractionDigits = 9;
    private const int TickDigits = 7;      // 100 ns

    public static bool TryParse(ReadOnlySpan<byte> text, TimeZoneInfo localZone, out ParsedTime parsed)
    {
        parsed = default;
        if (text.Length < DateTimeLength
            || text[4] != '-' || text[7] != '-'
            || text[10] is not ((byte)'T' or (byte)'t' or (byte)' ')
            || !AsciiText.TryParseNumber(text[..4], 4, out int year)
            || !AsciiText.TryParseTwoDigits(text, 5, out int month)
            || !AsciiText.TryParseTwoDigits(text, 8, out int day)
            || !AsciiText.TryParseClock(text.Slice(11, 8), out int hour, out int minute, out int second))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = text[DateTimeLength..];
        long fractionTicks = 0;
        TimeSpan resolution = TimeSpan.FromSeconds(1);
        if (!rest.IsEmpty && rest[0] == '.')
        {
            int digits = 1;
            while (digits < rest.Length && AsciiText.IsDigit(rest[digits]))
            {
                digits++;
            }

            digits--;
            if (digits is 0 or > MaxFractionDigits)
            {
                return false;
            }

            fractionTicks = FractionTicks(rest.Slice(1, digits));

            // 8 or 9 digits are truncated to DateTime's 100 ns ticks, so the instant is good to one tick, not 1 ns.
            resolution = TimeSpan.FromTicks(Pow10(TickDigits - Math.Min(digits, TickDigits)));
            rest = rest[(digits + 1)..];
        }

        if (!ClockTime.TryCreate(year, month, day, hour, minute, second, fractionTicks, out DateTime clock))
        {
            return false;
        }

        if (rest.IsEmpty)
        {
            // ISO 8601 "local time": no zone designator, so we can only assume the client's zone.
            if (!ClockTime.TryInZone(clock, localZone, out DateTimeOffset local))
            {
                return false;
            }

            parsed = new ParsedTime(local, ZoneKnown: false, resolution);
            return true;
        }

        if (!TryParseZone(rest, out TimeSpan offset) || !ClockTime.TryAtOffset(clock, offset, out DateTimeOffset time))
        {
            return false;
        }

        parsed = new ParsedTime(time, ZoneKnown: true, resolution);
        return true;
    }

    /// <summary><c>Z</c>, <c>±hh:mm</c> or <c>±hhmm</c>, and nothing after it. <c>-00:00</c> (RFC 3339 4.3: offset unknown) still pins the instant in UTC.</summary>
    private static bool TryParseZone(ReadOnlySpan<byte> zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone.Length == 1 && zone[0] is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        return NumericOffset.TryParse(zone, allowHoursOnly: false, out offset);
    }

    private static long FractionTicks(ReadOnlySpan<byte> digits)
    {
        long ticks = 0;
        for (int i = 0; i < TickDigits; i++)
        {
            ticks = (ticks * 10) + (i < digits.Length ? digits[i] - '0' : 0);
        }

        return ticks;
    }

    private static long Pow10(int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
