namespace NetProg.Services.Check.Tcp;

/// <summary>
/// A target's bytes as a short quoted preview for an Observed text: printable ASCII as it is, <c>\n \r \t \0 \\ \'</c>
/// escaped as in C, every other byte as <c>\xNN</c>, cut at about 40 characters with "…". Bytes from the network never
/// reach the terminal raw (a reply could move the cursor or recolour the screen).
/// </summary>
public static class BytePreview
{
    public const int DefaultLength = 40;

    public static string Of(ReadOnlySpan<byte> bytes, int maxChars = DefaultLength)
    {
        var text = new StringBuilder("'", maxChars + 4);
        var i = 0;
        for (; i < bytes.Length; i++)
        {
            var piece = Escape(bytes[i]);
            if (text.Length - 1 + piece.Length > maxChars)
            {
                break;
            }

            text.Append(piece);
        }

        text.Append('\'');
        if (i < bytes.Length)
        {
            text.Append('…');
        }

        return text.ToString();
    }

    private static string Escape(byte b) => b switch
    {
        (byte)'\n' => "\\n",
        (byte)'\r' => "\\r",
        (byte)'\t' => "\\t",
        0 => "\\0",
        (byte)'\\' => "\\\\",
        (byte)'\'' => "\\'",
        >= 0x20 and <= 0x7E => ((char)b).ToString(),
        _ => $"\\x{b:X2}",
    };
}
