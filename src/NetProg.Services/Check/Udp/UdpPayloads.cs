namespace NetProg.Services.Check.Udp;

/// <summary>
/// The datagrams the checks send. Each starts with a tag byte of its own within a check, so that a late reply to an
/// earlier datagram (its retransmission answered twice) is told from the reply awaited, even when cut short.
/// </summary>
internal static class UdpPayloads
{
    /// <summary><paramref name="size"/> printable bytes, no NUL: the tag, then a-z over and over.</summary>
    public static byte[] Tagged(char tag, int size)
    {
        var data = new byte[size];
        if (size > 0)
        {
            data[0] = (byte)tag;
        }

        for (var i = 1; i < size; i++)
        {
            data[i] = (byte)('a' + ((i - 1) % 26));
        }

        return data;
    }

    public static byte[] Text(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>True for a datagram whose first byte is one of <paramref name="tags"/>.</summary>
    public static bool StartsWithAny(byte[] datagram, ReadOnlySpan<char> tags) =>
        datagram.Length > 0 && tags.Contains((char)datagram[0]);
}
