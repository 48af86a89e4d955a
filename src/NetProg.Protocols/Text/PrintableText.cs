namespace NetProg.Protocols.Text;

/// <summary>
/// The one helper through which text from the network or the OS (banners, replies, exception text quoting a peer, process
/// and interface names) reaches a terminal or a log line. Pure: the fuzz target <c>printable</c> checks that what it returns
/// never holds a control character.
/// </summary>
public static class PrintableText
{
    /// <summary>
    /// <paramref name="text"/> made safe to print: control characters (C0, DEL, C1, which include ESC and so every terminal
    /// escape sequence, CR and LF) and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, which reorder
    /// what follows: CVE-2021-42574) become <c>\xNN</c> / <c>\u{NNNN}</c>, so that text from the network or another process
    /// cannot move the cursor, retitle the window, start a line of its own or disguise itself. Tab stays a tab. Text with
    /// nothing to escape is returned as it is (no copy).
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c))
            {
                builder.Append(c);
            }
            else if (c <= '\u00FF')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)c:X4}}}");
            }
        }

        return builder.ToString();
    }

    /// <summary>True for a character <see cref="Printable"/> escapes.</summary>
    public static bool NeedsEscape(char c) =>
        (char.IsControl(c) && c != '\t') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
