namespace NetProg.Services.Check.Login;

/// <summary>
/// What a server sent, quoted for a report line: <c>'200 Welcome\n'</c>, at most 40 characters, control characters and
/// bytes that are not UTF-8 as <c>\xNN</c>, CR and LF as <c>\r</c> and <c>\n</c>, so a reply can neither drive the
/// terminal nor flood the line. Letters of other scripts (a Korean banner) are kept.
/// </summary>
internal static class LoginPreview
{
    private const int MaxCharacters = 40;

    public static string Of(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder("'");
        var shown = 0;
        while (!bytes.IsEmpty && shown < MaxCharacters)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var used);
            if (status != System.Buffers.OperationStatus.Done || !IsShown(rune))
            {
                var escape = rune.Value switch
                {
                    '\n' when status == System.Buffers.OperationStatus.Done => "\\n",
                    '\r' when status == System.Buffers.OperationStatus.Done => "\\r",
                    '\t' when status == System.Buffers.OperationStatus.Done => "\\t",
                    _ => null,
                };
                if (escape is not null)
                {
                    text.Append(escape);
                }
                else
                {
                    // Not shown: each of its bytes as \xNN (an invalid sequence is cut to its first byte).
                    used = status == System.Buffers.OperationStatus.Done ? used : 1;
                    foreach (var b in bytes[..used])
                    {
                        text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
                    }
                }
            }
            else
            {
                text.Append(rune.ToString());
            }

            bytes = bytes[used..];
            shown++;
        }

        text.Append(bytes.IsEmpty ? "'" : "'…");
        return text.ToString();
    }

    public static string Of(byte[] bytes) => Of(bytes.AsSpan());

    /// <summary>Printable: no control, format (bidi overrides), separator other than space, private-use or unassigned character.</summary>
    private static bool IsShown(Rune rune) =>
        rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned => false,
            _ => true,
        };
}
