namespace NetProg.Services.Check.Udp;

/// <summary>
/// A short, safe rendering of bytes that came from the network, for an Observed line: quoted, printable ASCII as is,
/// <c>\n</c> <c>\r</c> <c>\t</c> <c>\\</c> <c>\'</c> escaped, every other byte (NUL, control, non-ASCII) as <c>\xNN</c>,
/// cut after <see cref="MaxBytes"/> bytes with an ellipsis. A target's bytes never reach the terminal raw.
/// </summary>
public static class BytePreview
{
    /// <summary>How many bytes are shown at most.</summary>
    public const int MaxBytes = 40;

    public static string Of(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder(MaxBytes + 8);
        text.Append('\'');
        foreach (var b in data[..Math.Min(data.Length, MaxBytes)])
        {
            switch (b)
            {
                case (byte)'\n': text.Append("\\n"); break;
                case (byte)'\r': text.Append("\\r"); break;
                case (byte)'\t': text.Append("\\t"); break;
                case (byte)'\\': text.Append("\\\\"); break;
                case (byte)'\'': text.Append("\\'"); break;
                case >= 0x20 and < 0x7F: text.Append((char)b); break;
                default: text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }

        text.Append('\'');
        if (data.Length > MaxBytes)
        {
            text.Append('…');
        }

        return text.ToString();
    }
}
