using NetProg.Protocols.Time;

namespace NetProg.Services.Clients;

/// <summary>A reply that is not what the client's protocol expects, and what it looks like.</summary>
/// <param name="Kind">The service that probably sent it.</param>
/// <param name="Text">Its first line, safe to print (non-printable bytes as <c>\xNN</c>, "…" when cut); for RFC 868 the decoded time.</param>
/// <param name="Bytes">How many bytes were looked at.</param>
public sealed record ForeignReply(ForeignReplyKind Kind, string Text, int Bytes)
{
    /// <summary>Looked at to classify a reply: every course reply's first line is far shorter.</summary>
    public const int MaxSampleBytes = 512;

    private const int MaxTextLength = 80;

    /// <summary>Classifies <paramref name="reply"/>, an answer to <paramref name="request"/>; never throws.</summary>
    public static ForeignReply Of(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> request)
    {
        var sample = reply.Length > MaxSampleBytes ? reply[..MaxSampleBytes] : reply;
        if (reply.SequenceEqual(request))
        {
            return new ForeignReply(ForeignReplyKind.Echo, Display(sample), reply.Length);
        }

        if (sample.IsEmpty)
        {
            return new ForeignReply(ForeignReplyKind.Empty, string.Empty, 0);
        }

        var newline = sample.IndexOf((byte)'\n');
        var firstLine = newline >= 0 ? sample[..(newline + 1)] : sample;
        // More than the first line: say so, unless the rest is only the NUL and white space the C servers end with.
        var more = reply[firstLine.Length..].IndexOfAnyExcept("\0\t\n\r "u8) >= 0;
        var text = Display(firstLine);
        if (more && !text.EndsWith('…'))
        {
            text += "…";
        }

        if (IsLoginReply(firstLine))
        {
            return new ForeignReply(ForeignReplyKind.LoginReply, text, reply.Length);
        }

        var parsed = TimeReplyParser.Parse(firstLine, DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
        return new ForeignReply(parsed.Time is null ? ForeignReplyKind.Unrecognised : ForeignReplyKind.Time, text, reply.Length);
    }

    /// <summary>
    /// True when most of <paramref name="reply"/> differs from <paramref name="request"/> (position by position, the longer's
    /// extra bytes counted as different): another service's answer, not an echo with a few corrupted bytes (such an echo is
    /// counted as mismatched bytes, not called a wrong service).
    /// </summary>
    public static bool IsMostlyUnlike(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> request)
    {
        var common = Math.Min(reply.Length, request.Length);
        var longest = Math.Max(reply.Length, request.Length);
        var differing = longest - common;
        for (var i = 0; i < common; i++)
        {
            if (reply[i] != request[i])
            {
                differing++;
            }
        }

        return differing * 2 > longest;
    }

    /// <summary>The echo-with-login server's replies: three digits and a space (RFC 959 section 4.2), 220, 230, 331, 421 or 530.</summary>
    private static bool IsLoginReply(ReadOnlySpan<byte> line) =>
        line.Length >= 4 && line[3] == (byte)' '
        && (line.StartsWith("220"u8) || line.StartsWith("230"u8) || line.StartsWith("331"u8) || line.StartsWith("421"u8) || line.StartsWith("530"u8));

    private static string Display(ReadOnlySpan<byte> bytes)
    {
        var parsed = TimeReplyParser.Parse(bytes, DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
        // RFC 868's four binary bytes would print as a date: show them as they came.
        var text = parsed.Kind == TimeReplyKind.Rfc868 ? string.Concat(bytes.ToArray().Select(b => $"\\x{b:x2}")) : parsed.Text;

        return text.Length > MaxTextLength ? text[..MaxTextLength] + "…" : text;
    }
}
