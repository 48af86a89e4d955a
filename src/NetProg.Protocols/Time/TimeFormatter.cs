using System.Buffers.Binary;

namespace NetProg.Protocols.Time;

/// <summary>
/// Writes a time server's reply. Every byte is produced by hand from the date's fields, so the output never depends on
/// the current culture (a Korean or Turkish desktop must still send <c>Tue Nov</c> and ASCII digits).
/// </summary>
public static class TimeFormatter
{
    /// <summary>Upper bound for any formatted reply (ctime is 25 bytes, ISO 8601 34, RFC 868 4).</summary>
    public const int MaxLength = 64;

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>
    /// Writes the reply for <paramref name="now"/> into <paramref name="destination"/> and returns the byte count.
    /// <c>now.Offset</c> is the server's local offset: ctime and ISO 8601 print the clock time at that offset.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the reply (<see cref="MaxLength"/> always suffices).</exception>
    public static int Format(TimeFormat format, DateTimeOffset now, Span<byte> destination)
    {
        Span<byte> scratch = stackalloc byte[MaxLength];
        int length = format switch
        {
            TimeFormat.Ctime => WriteCtime(now, scratch),
            TimeFormat.Iso8601 => WriteIso8601(now, scratch),
            TimeFormat.Rfc868 => WriteRfc868(now, scratch),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown time format."),
        };

        if (destination.Length < length)
        {
            throw new ArgumentException($"The {format} reply needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        scratch[..length].CopyTo(destination);
        return length;
    }

    /// <summary>The reply bytes for <paramref name="now"/>; see <see cref="Format(TimeFormat, DateTimeOffset, Span{byte})"/>.</summary>
    public static byte[] Format(TimeFormat format, DateTimeOffset now)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Format(format, now, buffer);
        return buffer[..length].ToArray();
    }

    // C11 7.27.3.1 asctime(): "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n" -- the day of month is space-padded to width 3
    // including the separating space, hence "Nov  4". ctime(t) is asctime(localtime(t)): the clock at the server's offset.
    // No trailing NUL: C strings carry one in memory only; a server that sends strlen+1 bytes adds it itself.
    private static int WriteCtime(DateTimeOffset now, Span<byte> destination)
    {
        DateTime clock = now.DateTime;
        int pos = 0;
        WriteAscii(destination, ref pos, CtimeNames.Day(clock.DayOfWeek));
        destination[pos++] = (byte)' ';
        WriteAscii(destination, ref pos, CtimeNames.Month(clock.Month));
        destination[pos++] = (byte)' ';
        destination[pos++] = clock.Day < 10 ? (byte)' ' : (byte)('0' + (clock.Day / 10));
        destination[pos++] = (byte)('0' + (clock.Day % 10));
        destination[pos++] = (byte)' ';
        WriteClock(destination, ref pos, clock);
        destination[pos++] = (byte)' ';
        WriteDecimal(destination, ref pos, clock.Year);
        destination[pos++] = (byte)'\n';
        return pos;
    }

    // RFC 3339 date-time with a 6-digit fraction. The offset is always numeric: "Z" would hide the server's zone, and
    // RFC 3339 4.3 reserves "-00:00" for "offset unknown", so UTC is "+00:00". CRLF is the network line ending (RFC 5198 section 2), as xinetd's daytime sends.
    private static int WriteIso8601(DateTimeOffset now, Span<byte> destination)
    {
        DateTime clock = now.DateTime;
        int pos = 0;
        WriteDigits(destination, ref pos, clock.Year, 4);
        destination[pos++] = (byte)'-';
        WriteDigits(destination, ref pos, clock.Month, 2);
        destination[pos++] = (byte)'-';
        WriteDigits(destination, ref pos, clock.Day, 2);
        destination[pos++] = (byte)'T';
        WriteClock(destination, ref pos, clock);
        destination[pos++] = (byte)'.';

        // Truncate, never round: rounding 59.9999996 up would print a second that has not started yet.
        long microseconds = clock.Ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond;
        WriteDigits(destination, ref pos, (int)microseconds, 6);

        TimeSpan offset = now.Offset;
        destination[pos++] = offset < TimeSpan.Zero ? (byte)'-' : (byte)'+';
        TimeSpan magnitude = offset.Duration();
        WriteDigits(destination, ref pos, magnitude.Hours, 2);
        destination[pos++] = (byte)':';
        WriteDigits(destination, ref pos, magnitude.Minutes, 2);
        destination[pos++] = (byte)'\r';
        destination[pos++] = (byte)'\n';
        return pos;
    }

    // RFC 868: "send the time as a 32 bit binary number", network byte order.
    private static int WriteRfc868(DateTimeOffset now, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Rfc868.Encode(now));
        return Rfc868.WireLength;
    }

    private static void WriteClock(Span<byte> destination, ref int pos, DateTime clock)
    {
        WriteDigits(destination, ref pos, clock.Hour, 2);
        destination[pos++] = (byte)':';
        WriteDigits(destination, ref pos, clock.Minute, 2);
        destination[pos++] = (byte)':';
        WriteDigits(destination, ref pos, clock.Second, 2);
    }

    private static void WriteAscii(Span<byte> destination, ref int pos, string ascii)
    {
        foreach (char c in ascii)
        {
            destination[pos++] = (byte)c;
        }
    }

    /// <summary>Zero-padded to exactly <paramref name="width"/> digits (the value always fits).</summary>
    private static void WriteDigits(Span<byte> destination, ref int pos, int value, int width)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            destination[pos + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        pos += width;
    }

    /// <summary>C's <c>%d</c> for a positive value: no padding.</summary>
    private static void WriteDecimal(Span<byte> destination, ref int pos, int value)
    {
        int width = 1;
        for (int rest = value / 10; rest > 0; rest /= 10)
        {
            width++;
        }

        WriteDigits(destination, ref pos, value, width);
    }
}
