namespace NetProg.Cli.Rendering;

/// <summary>Text laid out in terminal columns, where Korean takes two columns a character.</summary>
internal static class TerminalText
{
    /// <summary>
    /// Pads <paramref name="text"/> with spaces to <paramref name="width"/> terminal columns: Hangul syllables and jamo are East
    /// Asian Wide (Unicode UAX #11) and take two, so a format alignment like {0,-9} would misalign Korean.
    /// </summary>
    public static string Pad(string text, int width)
    {
        var columns = Columns(text);
        return columns >= width ? text : text + new string(' ', width - columns);
    }

    /// <summary>
    /// <paramref name="text"/> made safe to print: control characters (C0, DEL, C1, which include ESC and so every terminal
    /// escape sequence) and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, which reorder what
    /// follows: CVE-2021-42574) become <c>\xNN</c> / <c>\u{NNNN}</c>, so that text from the network or another process cannot
    /// move the cursor, retitle the window or disguise itself. Tab stays a tab.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c))
            {
                builder.Append(c);
            }
            else if (c <= '\u00FF')
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{{{(int)c:X4}}}");
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        (char.IsControl(c) && c != '\t') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>How many terminal columns <paramref name="text"/> takes (see <see cref="Pad"/>).</summary>
    public static int Columns(string text) =>
        text.Sum(c => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' ? 2 : 1);
}
