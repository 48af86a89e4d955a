namespace NetProg.Services.Check.Clients;

/// <summary>
/// A short, escaped quote of bytes a checked client printed or sent, for an Observed text: <c>'Time: Tue Nov\n'</c>.
/// Printable text stays as it is (Korean too); line ends and tabs as <c>\n \r \t</c>; every other control byte, DEL,
/// a byte that is not UTF-8 and a Unicode format character (a bidi override) as <c>\xNN</c>; cut after about 40 characters shown.
/// </summary>
internal static class ClientPreview
{
    public const int MaxCharacters = 40;

    public static string Quote(ReadOnlySpan<byte> bytes, int maxCharacters = MaxCharacters)
    {
        var text = new StringBuilder("'");
        var index = 0;
        while (index < bytes.Length)
        {
            // Cut on what is shown, escapes included: 40 bytes of binary are 160 characters as \xNN.
            if (text.Length > maxCharacters)
            {
                return text.Append("'…").ToString();
            }

            var status = System.Text.Rune.DecodeFromUtf8(bytes[index..], out var rune, out var length);
            if (status != System.Buffers.OperationStatus.Done)
            {
                AppendHex(text, bytes[index]);
                index++;
            }
            else
            {
                Append(text, rune, bytes.Slice(index, length));
                index += length;
            }
        }

        return text.Append('\'').ToString();
    }

    private static void Append(StringBuilder text, Rune rune, ReadOnlySpan<byte> encoded)
    {
        switch (rune.Value)
        {
            case '\n': text.Append("\\n"); return;
            case '\r': text.Append("\\r"); return;
            case '\t': text.Append("\\t"); return;
            case '\\': text.Append("\\\\"); return;
            case '\'': text.Append("\\'"); return;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse)
        {
            foreach (var b in encoded)
            {
                AppendHex(text, b);
            }

            return;
        }

        text.Append(rune.ToString());
    }

    private static void AppendHex(StringBuilder text, byte value) =>
        text.Append("\\x").Append(value.ToString("X2", CultureInfo.InvariantCulture));
}
