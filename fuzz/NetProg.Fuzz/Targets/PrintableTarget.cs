using System.Text;
using NetProg.Protocols.Text;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// <see cref="PrintableText.Printable"/>, the one way untrusted text reaches the terminal. What it returns holds no control
/// character but tab and no bidirectional override or isolate (so it is one line, and cannot move the cursor or reorder what
/// follows); it is unchanged by a second pass; text with nothing to escape comes back as it was; and every escape it writes
/// reads back as the character it replaced, so nothing is lost.
/// </summary>
/// <remarks>Input: byte 0 picks how the rest becomes text (bit 0: UTF-8, else UTF-16 code units, unpaired surrogates included).</remarks>
public sealed class PrintableTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "printable";

    /// <inheritdoc />
    public string Description => "PrintableText.Printable: no control characters out, idempotent, lossless";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var rest = input[1..];
        string text = (input[0] & 0x1) != 0
            ? Encoding.UTF8.GetString(rest)
            : new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(rest[..(rest.Length & ~1)]));

        string shown = PrintableText.Printable(text);
        foreach (char c in shown)
        {
            FuzzInvariantException.Check(!PrintableText.NeedsEscape(c), $"U+{(int)c:X4} reached the terminal");
        }

        FuzzInvariantException.Check(PrintableText.Printable(shown) == shown, "a second pass changed the text");
        if (!text.Any(PrintableText.NeedsEscape))
        {
            FuzzInvariantException.Check(ReferenceEquals(shown, text), "text with nothing to escape was changed");
        }

        FuzzInvariantException.Check(Unescape(shown, text) == text, "an escape does not read back as the character it replaced");
    }

    /// <summary>
    /// Reads the escapes back, guided by the original: a backslash that was in the text stays a backslash, one that starts
    /// an escape (the original has an escaped character there) becomes that character.
    /// </summary>
    private static string Unescape(string shown, string original)
    {
        var result = new StringBuilder(original.Length);
        var at = 0;
        foreach (char c in original)
        {
            if (!PrintableText.NeedsEscape(c))
            {
                FuzzInvariantException.Check(at < shown.Length && shown[at] == c, "a character that needs no escape was changed");
                result.Append(shown[at++]);
                continue;
            }

            string escape = c <= '\u00FF' ? $"\\x{(int)c:X2}" : $"\\u{{{(int)c:X4}}}";
            FuzzInvariantException.Check(string.CompareOrdinal(shown, at, escape, 0, escape.Length) == 0, $"U+{(int)c:X4} is not written as {escape}");
            result.Append(c);
            at += escape.Length;
        }

        FuzzInvariantException.Check(at == shown.Length, "more came out than went in");
        return result.ToString();
    }
}
