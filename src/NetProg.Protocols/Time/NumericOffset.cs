namespace NetProg.Protocols.Time;

/// <summary>A numeric UTC offset: <c>±hh:mm</c>, <c>±hhmm</c> and, where allowed, <c>±hh</c>.</summary>
internal static class NumericOffset
{
    public static bool TryParse(ReadOnlySpan<byte> token, bool allowHoursOnly, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (token.Length < 3 || token[0] is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }

        int minutes = 0;
        bool shapeOk = token.Length switch
        {
            3 => allowHoursOnly,
            5 => AsciiText.TryParseTwoDigits(token, 3, out minutes),
            6 => token[3] == ':' && AsciiText.TryParseTwoDigits(token, 4, out minutes),
            _ => false,
        };

        if (!shapeOk || !AsciiText.TryParseTwoDigits(token, 1, out int hours) || hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (token[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }
}
