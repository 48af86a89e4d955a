using System.Buffers;

namespace NetProg.Services.Check.Clients;

/// <summary>
/// Reads what a checked client printed, byte by byte and without sockets: whether a reply is in it whole, how much of it
/// and in how many pieces, and what came out that the server never sent. A client's own words around the reply
/// ("Input : ", "Time: ") are allowed anywhere; only the reply's bytes are looked for.
/// </summary>
internal static class ClientOutput
{
    public static bool Contains(ReadOnlySpan<byte> output, ReadOnlySpan<byte> text) => output.IndexOf(text) >= 0;

    /// <summary>The length of the longest start of <paramref name="expected"/> that appears in <paramref name="output"/> in one run.</summary>
    public static int PrintedPrefix(ReadOnlySpan<byte> output, ReadOnlySpan<byte> expected)
    {
        // If a start of N bytes is there, every shorter one is too: the longest is found by bisection.
        int low = 0, high = expected.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (output.IndexOf(expected[..middle]) >= 0)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    /// <summary>
    /// How much of <paramref name="payload"/> came out in order, and in how many runs: a 1,000-byte line read 127 bytes at a
    /// time and printed with a prompt before each piece is all there in 8 runs; one cut by a 128-byte buffer is 128 bytes in 1.
    /// The payload should be made of bytes the client's own words do not contain (digits against "Input : ").
    /// </summary>
    public static PayloadPieces Pieces(ReadOnlySpan<byte> output, ReadOnlySpan<byte> payload)
    {
        int printed = 0, pieces = 0;
        var inRun = false;
        foreach (var b in output)
        {
            if (printed < payload.Length && b == payload[printed])
            {
                pieces += inRun ? 0 : 1;
                inRun = true;
                printed++;
            }
            else
            {
                inRun = false;
            }
        }

        return new PayloadPieces(printed, pieces);
    }

    /// <summary>True when <paramref name="bytes"/> hold something that is not text: a control byte other than tab, CR and LF (NUL included), DEL, or bytes that are not UTF-8.</summary>
    public static bool HasBinary(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var length) != OperationStatus.Done)
            {
                return true;
            }

            if (Rune.IsControl(rune) && rune.Value is not ('\t' or '\r' or '\n'))
            {
                return true;
            }

            bytes = bytes[length..];
        }

        return false;
    }

    /// <summary>
    /// What follows the time <paramref name="text"/> (without its line end) in <paramref name="output"/>: the server's own
    /// line end is skipped, then its NUL when it sent one (<paramref name="nulSent"/>). Garbage is what is left when it is
    /// not made of whole lines of text: an unterminated buffer printed with <c>%s</c> runs on until the first zero byte it
    /// happens to hold, which is rarely right after a line end, and stack leftovers are seldom all text. Null when the text
    /// is not in the output.
    /// </summary>
    public static TimeTail? AfterTime(ReadOnlySpan<byte> output, ReadOnlySpan<byte> text, bool nulSent)
    {
        var at = output.IndexOf(text);
        if (at < 0)
        {
            return null;
        }

        var rest = output[(at + text.Length)..];
        if (rest.StartsWith("\r\n"u8))
        {
            rest = rest[2..];
        }
        else if (rest.StartsWith("\n"u8))
        {
            rest = rest[1..];
        }

        var nulPrinted = false;
        if (nulSent && rest.StartsWith("\0"u8))
        {
            nulPrinted = true;
            rest = rest[1..];
        }

        var wholeLines = rest.IsEmpty || rest.Trim(" \t\r\n"u8).IsEmpty || rest[^1] == (byte)'\n';
        return new TimeTail(nulPrinted, HasBinary(rest) || !wholeLines ? rest.ToArray() : []);
    }
}
