namespace NetProg.Protocols.Time;

/// <summary>Byte-level helpers for the reply parsers: bounded, culture-free, no regular expressions, never throwing.</summary>
internal static class AsciiText
{
    /// <summary>Printable ASCII or the C <c>isspace()</c> set (TAB, LF, VT, FF, CR): what a text reply consists of.</summary>
    public static bool IsTextByte(byte b) => b is (>= 0x20 and <= 0x7E) or (>= 0x09 and <= 0x0D);

    public static bool IsAllText(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (!IsTextByte(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Removes leading whitespace and trailing NUL/whitespace in any order: the course's C server sends ctime()'s
    /// <c>"...\n"</c> plus the terminating NUL (strlen + 1), others send CRLF or a bare LF.
    /// </summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.Length;
        while (end > 0 && (bytes[end - 1] == 0 || IsSpace(bytes[end - 1])))
        {
            end--;
        }

        int start = 0;
        while (start < end && IsSpace(bytes[start]))
        {
            start++;
        }

        return bytes[start..end];
    }

    /// <summary>The bytes as printable text: printable ASCII as is, everything else as <c>\xNN</c>, so a reply cannot move the cursor or spoof the terminal.</summary>
    public static string ToDisplay(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append("\\x").Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Splits on runs of spaces/tabs into <paramref name="tokens"/>. Returns the count, or -1 when there are more
    /// tokens than fit (the caller's format has a fixed number of fields).
    /// </summary>
    public static int Tokenize(ReadOnlySpan<byte> text, Span<Range> tokens)
    {
        int count = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (IsBlank(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && !IsBlank(text[i]))
            {
                i++;
            }

            if (count == tokens.Length)
            {
                return -1;
            }

            tokens[count++] = start..i;
        }

        return count;
    }

    /// <summary>Parses 1 to <paramref name="maxDigits"/> ASCII digits, the whole token; no sign, no spaces.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> token, int maxDigits, out int value)
    {
        value = 0;
        if (token.IsEmpty || token.Length > maxDigits)
        {
            return false;
        }

        foreach (byte b in token)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>Exactly two digits at <paramref name="index"/>.</summary>
    public static bool TryParseTwoDigits(ReadOnlySpan<byte> text, int index, out int value)
    {
        value = 0;
        if (index < 0 || index + 2 > text.Length)
        {
            return false;
        }

        return TryParseNumber(text.Slice(index, 2), 2, out value);
    }

    /// <summary><c>HH:MM:SS</c>, each field exactly two digits as C's <c>%.2d</c> prints them. Ranges are checked later.</summary>
    public static bool TryParseClock(ReadOnlySpan<byte> token, out int hour, out int minute, out int second)
    {
        hour = 0;
        minute = 0;
        second = 0;
        return token.Length == 8
            && token[2] == ':'
            && token[5] == ':'
            && TryParseTwoDigits(token, 0, out hour)
            && TryParseTwoDigits(token, 3, out minute)
            && TryParseTwoDigits(token, 6, out second);
    }

    /// <summary>ASCII-only case-insensitive comparison: a culture's rules (Turkish dotless i) must not change protocol tokens.</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> token, string ascii)
    {
        if (token.Length != ascii.Length)
        {
            return false;
        }

        for (int i = 0; i < token.Length; i++)
        {
            if (ToLower(token[i]) != ToLower((byte)ascii[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    public static bool IsLetter(byte b) => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z');

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    private static bool IsSpace(byte b) => b is (byte)' ' or (>= 0x09 and <= 0x0D);

    private static byte ToLower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
