namespace NetProg.Protocols.Time;

/// <summary>
/// RFC 868 Time Protocol arithmetic: the reply is a 32-bit count of seconds since 1900-01-01 00:00 UTC, which
/// wraps every 2^32 s (~136 years), first on 2036-02-07 06:28:16 UTC.
/// </summary>
internal static class Rfc868
{
    /// <summary>The reply is exactly 4 bytes, big-endian (RFC 868: "a 32 bit binary number").</summary>
    public const int WireLength = 4;

    /// <summary>Seconds from 1900-01-01 to 1970-01-01 (70 years, 17 of them leap): RFC 868 gives 2,208,988,800 for 1970.</summary>
    public const long SecondsFrom1900To1970 = 2_208_988_800;

    /// <summary>One era: how far apart two instants with the same 32-bit value are.</summary>
    public const long EraSeconds = 1L << 32;

    /// <summary>Eras tried when decoding: 1900-2036, 2036-2172, 2172-2308.</summary>
    private const int EraCount = 3;

    /// <summary>The wire value for <paramref name="time"/>: floor to whole seconds, then mod 2^32 so dates past 2036 wrap instead of overflowing.</summary>
    public static uint Encode(DateTimeOffset time)
    {
        // ToUnixTimeSeconds divides non-negative ticks, so it floors: 06:28:16.9 is second 06:28:16, as a clock shows it.
        long since1900 = time.ToUnixTimeSeconds() + SecondsFrom1900To1970;

        // Truncating to 32 bits is exactly "mod 2^32" in two's complement, also for (never expected) dates before 1900.
        return unchecked((uint)since1900);
    }

    /// <summary>
    /// The instant for a wire value. RFC 868 says clients "must use context-dependent information to distinguish these
    /// dates": we take the era whose instant is nearest the client's own clock.
    /// </summary>
    public static DateTimeOffset Decode(uint value, DateTimeOffset reference)
    {
        long referenceSeconds = reference.ToUnixTimeSeconds();
        long best = 0;
        long bestDistance = long.MaxValue;
        for (int era = 0; era < EraCount; era++)
        {
            long unixSeconds = value + (era * EraSeconds) - SecondsFrom1900To1970;
            long distance = Math.Abs(unixSeconds - referenceSeconds);
            if (distance < bestDistance)
            {
                best = unixSeconds;
                bestDistance = distance;
            }
        }

        // At most ~2308, well inside DateTimeOffset's range.
        return DateTimeOffset.FromUnixTimeSeconds(best);
    }
}
