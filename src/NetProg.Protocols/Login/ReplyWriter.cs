namespace NetProg.Protocols.Login;

/// <summary>Writes one reply line, <c>"&lt;code&gt; &lt;text&gt;\r\n"</c>: three digits, a space, the text in UTF-8, CRLF (RFC 959 section 4.2).</summary>
public static class ReplyWriter
{
    // "220 " before the text, CR LF after it.
    private const int FramingLength = 6;

    /// <summary>The bytes <see cref="Write"/> needs for a reply with <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> contains CR or LF.</exception>
    public static int GetByteCount(string text)
    {
        ValidateText(text);
        return FramingLength + Encoding.UTF8.GetByteCount(text);
    }

    /// <summary>Writes the reply into <paramref name="destination"/> and returns the byte count.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is not a reply code of 100 to 599.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="text"/> contains CR or LF (it would end the reply early and forge a second one), or
    /// <paramref name="destination"/> is shorter than <see cref="GetByteCount(string)"/>.
    /// </exception>
    public static int Write(ReplyCode code, string text, Span<byte> destination)
    {
        int value = (int)code;
        if (value is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "A reply code has three digits, 1xx to 5xx (RFC 959 section 4.2).");
        }

        int length = GetByteCount(text);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The reply needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        destination[0] = (byte)('0' + (value / 100));
        destination[1] = (byte)('0' + (value / 10 % 10));
        destination[2] = (byte)('0' + (value % 10));
        destination[3] = (byte)' ';
        int textLength = Encoding.UTF8.GetBytes(text, destination[4..]);
        destination[4 + textLength] = (byte)'\r';
        destination[5 + textLength] = (byte)'\n';
        return length;
    }

    internal static void ValidateText(string text, string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName ?? nameof(text));
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A reply text must not contain CR or LF: it would end the reply line early.", parameterName ?? nameof(text));
        }
    }
}
