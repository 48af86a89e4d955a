namespace NetProg.Protocols.Time;

/// <summary>A time server's reply as the client understood it.</summary>
/// <param name="Kind">Which format was recognised.</param>
/// <param name="Text">
/// What the server sent, safe to print: leading and trailing NUL/CR/LF/whitespace removed, other control bytes and
/// non-ASCII shown as <c>\xNN</c>, "…" appended when the reply was cut. For <see cref="TimeReplyKind.Rfc868"/> (binary)
/// the decoded instant in UTC, <c>"2026-11-24 10:52:49 UTC"</c>.
/// </param>
/// <param name="Time">The instant, when the reply could be parsed as a time.</param>
/// <param name="ZoneKnown">
/// False when the text carries no zone (ctime, ISO 8601 without offset) or an abbreviation we cannot map (<c>KST</c>):
/// <see cref="Time"/> then assumes the client's own zone, which is right only if both machines share it.
/// </param>
/// <param name="Resolution">The precision of the reply: 1 s for ctime/daytime/RFC 868, 10^-digits s for ISO 8601 fractions, zero when <see cref="Time"/> is null.</param>
public sealed record TimeReply(
    TimeReplyKind Kind,
    string Text,
    DateTimeOffset? Time,
    bool ZoneKnown,
    TimeSpan Resolution);
