using System.Buffers;

namespace NetProg.Protocols.Checking;

/// <summary>
/// Compares what a server answered to two logins that differ only in the user name (<c>enumeration</c>): both replies
/// with every occurrence of either name replaced by <c>${user}</c>, then byte for byte. Masking both names in both
/// replies keeps it fair when a name is a short word the replies hold anyway ("a" in "Invalid password").
/// </summary>
public static class LoginReplyComparison
{
    private static readonly byte[] Mask = "${user}"u8.ToArray();

    /// <summary><paramref name="reply"/> with each name of <paramref name="names"/> (longest first) replaced by <c>${user}</c>.</summary>
    public static byte[] Masked(ReadOnlySpan<byte> reply, IEnumerable<string> names)
    {
        var result = reply.ToArray();
        foreach (var name in names.Where(n => n.Length > 0).OrderByDescending(n => n.Length))
        {
            result = Replace(result, System.Text.Encoding.UTF8.GetBytes(name));
        }

        return result;
    }

    /// <summary>
    /// The first line (with its LF) where the two differ, from each; an empty array for a reply that has no such line
    /// (it ended before). Null when they are the same bytes.
    /// </summary>
    public static (byte[] First, byte[] Second)? FirstDifference(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        while (!first.IsEmpty || !second.IsEmpty)
        {
            var a = NextLine(ref first);
            var b = NextLine(ref second);
            if (!a.SequenceEqual(b))
            {
                return (a.ToArray(), b.ToArray());
            }
        }

        return null;
    }

    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> text)
    {
        var end = text.IndexOf((byte)'\n');
        var line = end < 0 ? text : text[..(end + 1)];
        text = text[line.Length..];
        return line;
    }

    private static byte[] Replace(byte[] data, byte[] name)
    {
        var output = new ArrayBufferWriter<byte>(data.Length);
        ReadOnlySpan<byte> rest = data;
        int at;
        while ((at = rest.IndexOf(name)) >= 0)
        {
            output.Write(rest[..at]);
            output.Write(Mask);
            rest = rest[(at + name.Length)..];
        }

        output.Write(rest);
        return output.WrittenSpan.ToArray();
    }
}
