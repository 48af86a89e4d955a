using NetProg.Protocols.Forwarding;

namespace NetProg.Protocols.Ports;

/// <summary>
/// The one reading of ports as people type them: <c>30000</c>, <c>30000-40000</c> and lists of those, <c>80,443,30000-30010</c>.
/// Pure code over characters. A port is ASCII digits only, as <c>int.TryParse</c> with <c>NumberStyles.None</c> read them
/// before: no sign, no spaces, no thousands separator, no digits of other scripts; leading zeros are allowed (<c>080</c> is 80).
/// One difference: <c>int.TryParse</c> ignores trailing NUL characters (<c>"80\0"</c> is 80), which no command line can
/// carry (argv strings end at the first NUL) and a targets file should not: here they are not digits.
/// </summary>
public static class PortSyntax
{
    /// <summary>The largest port: ports are 16-bit fields (RFC 9293 section 3.1, RFC 768).</summary>
    public const int MaxPort = 65535;

    /// <summary>
    /// Parses one port. Port 0 ("any free port", for a server) only when <paramref name="allowZero"/>.
    /// On failure <paramref name="port"/> is 0 and <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParsePort(ReadOnlySpan<char> text, bool allowZero, out int port, out PortSyntaxError error)
    {
        error = ReadNumber(text, out port);
        if (error == PortSyntaxError.None && port == 0 && !allowZero)
        {
            error = PortSyntaxError.Zero;
        }

        if (error != PortSyntaxError.None)
        {
            port = 0;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses <c>PORT</c> or <c>FIRST-LAST</c> (both ends included). Port 0 is accepted only alone and only when
    /// <paramref name="allowZero"/>: a range of "any" ports means nothing. A text without '-' fails as
    /// <see cref="TryParsePort"/> does; one with '-' (split at the first) fails with <see cref="PortSyntaxError.BadRange"/>
    /// or <see cref="PortSyntaxError.Reversed"/>. On <see cref="PortSyntaxError.Reversed"/> <paramref name="range"/> holds the
    /// two ports in order, the range that was probably meant (for a message that says "write 30000-40000"); on any other
    /// failure it is the default.
    /// </summary>
    public static bool TryParseRange(ReadOnlySpan<char> text, bool allowZero, out PortRange range, out PortSyntaxError error)
    {
        range = default;
        var dash = text.IndexOf('-');
        if (dash < 0)
        {
            if (!TryParsePort(text, allowZero, out var port, out error))
            {
                return false;
            }

            range = new PortRange(port, port);
            return true;
        }

        if (ReadNumber(text[..dash], out var first) != PortSyntaxError.None
            || ReadNumber(text[(dash + 1)..], out var last) != PortSyntaxError.None
            || first == 0)
        {
            error = PortSyntaxError.BadRange;
            return false;
        }

        if (last < first)
        {
            range = new PortRange(last, first);
            error = PortSyntaxError.Reversed;
            return false;
        }

        range = new PortRange(first, last);
        error = PortSyntaxError.None;
        return true;
    }

    /// <summary>
    /// Parses a comma-separated list of ports and ranges, <c>80,443,30000-30010</c>, with no spaces (a shell splits words
    /// there) and no port 0. At most <see cref="PortList.MaxItems"/> items: the text is read no further than that.
    /// On failure <paramref name="item"/> is where the item at fault sits in <paramref name="text"/> (the whole text for
    /// <see cref="PortSyntaxError.TooManyItems"/>).
    /// </summary>
    public static bool TryParseList(ReadOnlySpan<char> text, out PortList list, out PortSyntaxError error, out Range item)
    {
        list = PortList.Empty;
        item = Range.All;
        if (text.IsEmpty)
        {
            error = PortSyntaxError.Empty;
            return false;
        }

        var ranges = new List<PortRange>();
        var start = 0;
        while (true)
        {
            if (ranges.Count == PortList.MaxItems)
            {
                item = Range.All;
                error = PortSyntaxError.TooManyItems;
                return false;
            }

            var comma = text[start..].IndexOf(',');
            var end = comma < 0 ? text.Length : start + comma;
            item = start..end;
            if (end == start)
            {
                error = PortSyntaxError.EmptyItem;
                return false;
            }

            if (!TryParseRange(text[start..end], allowZero: false, out var range, out error))
            {
                return false;
            }

            ranges.Add(range);
            if (comma < 0)
            {
                break;
            }

            start = end + 1;
        }

        item = Range.All;
        list = new PortList(ranges);
        return true;
    }

    /// <summary>
    /// ASCII digits as a number from 0 to 65535. Every character is looked at, so <c>99999x</c> is not a number rather than
    /// too large; the value stops growing past 65535, so no length of digits overflows.
    /// </summary>
    private static PortSyntaxError ReadNumber(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return PortSyntaxError.Empty;
        }

        var number = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return PortSyntaxError.NotANumber;
            }

            if (number <= MaxPort)
            {
                number = (number * 10) + (c - '0');
            }
        }

        if (number > MaxPort)
        {
            return PortSyntaxError.TooLarge;
        }

        value = number;
        return PortSyntaxError.None;
    }
}
