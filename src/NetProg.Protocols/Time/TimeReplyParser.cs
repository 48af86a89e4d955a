using System.Buffers.Binary;

namespace NetProg.Protocols.Time;

/// <summary>
/// Recognises what real time servers send: RFC 868 binary, C <c>ctime()</c> text, ISO 8601, xinetd's RFC 867 daytime
/// line, or anything else as plain text. Hand-written span parsing, bounded to <see cref="MaxInspectedBytes"/>; it
/// never throws on any reply.
/// </summary>
public static class TimeReplyParser
{
    /// <summary>Only this much of a reply is looked at: every time format fits in a few dozen bytes.</summary>
    internal const int MaxInspectedBytes = 512;

    /// <summary>Appended to <see cref="TimeReply.Text"/> when the reply was longer than <see cref="MaxInspectedBytes"/>.</summary>
    internal const string TruncationMark = "…";

    /// <summary>Parses a reply.</summary>
    /// <param name="reply">Every byte the server sent.</param>
    /// <param name="reference">The client's clock now: picks the RFC 868 era nearest to it.</param>
    /// <param name="localZone">The client's zone, for text without a (known) zone; its DST rules apply to the reply's date.</param>
    public static TimeReply Parse(ReadOnlySpan<byte> reply, DateTimeOffset reference, TimeZoneInfo localZone)
    {
        ArgumentNullException.ThrowIfNull(localZone);

        // Decide on the raw bytes, before any trimming: RFC 868's 4 bytes may well end in NUL or 0x0A. A 4-byte text
        // line ("abc\n", "12\r\n") is all printable/whitespace, while an RFC 868 value from 1968 to 2053 starts with a
        // byte >= 0x80 or < 0x20, so the test is unambiguous for the dates anyone will see.
        if (reply.Length == Rfc868.WireLength && !AsciiText.IsAllText(reply))
        {
            return ParseRfc868(reply, reference);
        }

        bool truncated = reply.Length > MaxInspectedBytes;
        ReadOnlySpan<byte> text = AsciiText.Trim(truncated ? reply[..MaxInspectedBytes] : reply);
        if (truncated)
        {
            // We have not seen the whole reply, so we do not claim it is a well-formed time.
            return TextReply(AsciiText.ToDisplay(text) + TruncationMark);
        }

        if (text.IsEmpty)
        {
            return new TimeReply(TimeReplyKind.Empty, string.Empty, null, ZoneKnown: false, TimeSpan.Zero);
        }

        if (CtimeText.TryParse(text, localZone, out ParsedTime parsed))
        {
            return Recognised(TimeReplyKind.Ctime, text, parsed);
        }

        if (Iso8601Text.TryParse(text, localZone, out parsed))
        {
            return Recognised(TimeReplyKind.Iso8601, text, parsed);
        }

        if (DaytimeText.TryParse(text, localZone, out parsed))
        {
            return Recognised(TimeReplyKind.Rfc867Daytime, text, parsed);
        }

        return TextReply(AsciiText.ToDisplay(text));
    }

    private static TimeReply ParseRfc868(ReadOnlySpan<byte> reply, DateTimeOffset reference)
    {
        DateTimeOffset time = Rfc868.Decode(BinaryPrimitives.ReadUInt32BigEndian(reply), reference);
        string text = time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return new TimeReply(TimeReplyKind.Rfc868, text, time, ZoneKnown: true, TimeSpan.FromSeconds(1));
    }

    private static TimeReply Recognised(TimeReplyKind kind, ReadOnlySpan<byte> text, ParsedTime parsed)
        => new(kind, AsciiText.ToDisplay(text), parsed.Time, parsed.ZoneKnown, parsed.Resolution);

    private static TimeReply TextReply(string text) => new(TimeReplyKind.Text, text, null, ZoneKnown: false, TimeSpan.Zero);
}
