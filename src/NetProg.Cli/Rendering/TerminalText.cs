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

    /// <summary>How many terminal columns <paramref name="text"/> takes (see <see cref="Pad"/>).</summary>
    public static int Columns(string text) =>
        text.Sum(c => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' ? 2 : 1);
}
