namespace NetProg.Services.Check.Tcp;

/// <summary>
/// What the echo checks send. Every message is a line ending in '\n', so a server that echoes line by line (as the
/// course's echo client expects) is checked as fairly as one that echoes bytes as they come.
/// </summary>
public static class EchoPayloads
{
    /// <summary>The bulk's and the flood's line: 64 bytes, its number first, so any position in a stream of them is unique.</summary>
    public const int NumberedLineLength = 64;

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A line of <paramref name="length"/> bytes (the '\n' included) of letters and digits.</summary>
    public static byte[] Line(int length)
    {
        var line = new byte[length];
        for (var i = 0; i < length - 1; i++)
        {
            line[i] = (byte)Letters[i % Letters.Length];
        }

        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>NUL, DEL, ESC, a byte that is no ASCII and bytes that are no valid UTF-8 (0xFF 0xFE, 0x80 alone, 0xC3 0x28).</summary>
    public static byte[] Binary() =>
        [.. "bin"u8, 0x00, .. "ary "u8, 0xFF, 0xFE, 0x80, 0xC3, 0x28, (byte)' ', 0x01, 0x7F, 0x1B, .. " end\n"u8];

    /// <summary>
    /// <paramref name="count"/> lines of <see cref="NumberedLineLength"/> bytes, each <c>"0000042 "</c> and letters shifted by
    /// its number: all of the same length, so a server that echoes line by line has no line longer than the last.
    /// </summary>
    public static byte[] NumberedLines(int count, int first = 0)
    {
        var data = new byte[count * NumberedLineLength];
        for (var n = 0; n < count; n++)
        {
            var line = data.AsSpan(n * NumberedLineLength, NumberedLineLength);
            Encoding.ASCII.GetBytes((first + n).ToString("D7", System.Globalization.CultureInfo.InvariantCulture) + " ", line);
            for (var i = 8; i < NumberedLineLength - 1; i++)
            {
                line[i] = (byte)Letters[(i + first + n) % Letters.Length];
            }

            line[^1] = (byte)'\n';
        }

        return data;
    }
}
