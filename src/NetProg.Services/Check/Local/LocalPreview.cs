namespace NetProg.Services.Check.Local;

/// <summary>
/// Text from the checked program (its stderr) as a short quoted preview for an Observed string: <c>'bind: Address
/// already in use'</c>, line ends and tabs as <c>\n</c> <c>\r</c> <c>\t</c>, other control characters, DEL and bidi
/// overrides as <c>\xNN</c> / <c>\u{NNNN}</c>, cut after <paramref name="max"/> characters with an ellipsis.
/// </summary>
public static class LocalPreview
{
    public static string Quote(string text, int max = 40)
    {
        var builder = new StringBuilder("'");
        var shown = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (shown == max)
            {
                builder.Append('…');
                break;
            }

            builder.Append(rune.Value switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\\' => "\\\\",
                '\'' => "\\'",
                < 0x20 or 0x7F => string.Create(CultureInfo.InvariantCulture, $"\\x{rune.Value:X2}"),
                _ when Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format =>
                    string.Create(CultureInfo.InvariantCulture, $"\\u{{{rune.Value:X4}}}"),
                _ => rune.ToString(),
            });
            shown++;
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>The last lines of a stream, each quoted and cut at 80 characters, joined by " | "; null when there are none.</summary>
    public static string? LastLines(CapturedOutput output, int count = 3)
    {
        var lines = output.LastLines().Where(l => l.Trim().Length > 0).ToList();
        return lines.Count == 0 ? null : string.Join(" | ", lines.Skip(Math.Max(0, lines.Count - count)).Select(l => Quote(l, 80)));
    }
}
