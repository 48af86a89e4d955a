using NetProg.Protocols.Time;
using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Cli.Rendering;

/// <summary>
/// What <c>time-client</c> prints: first the server's time exactly as it sent it (minus its NUL/CR/LF), as the course's client
/// does, so scripts can take line 1; then where it came from, and how far its clock is from ours.
/// </summary>
internal static class TimeQueryText
{
    public static IEnumerable<string> Lines(TimeQueryResult query)
    {
        yield return query.Reply.Text;

        var from = $"from {EndPointText.Format(query.Server, query.Protocol)}";
        if (query.FailedAttempts.Count > 0)
        {
            from += $" (after {string.Join(", ", query.FailedAttempts.Select(a => $"{EndPointText.Format(a.EndPoint)} {Describe(a.Error)}"))})";
        }

        var retries = query.Transmissions > 1 ? $", answered on try {query.Transmissions}" : string.Empty;
        yield return $"{from}: {FormatName(query.Reply.Kind)}, {query.ReplyBytes} bytes, round trip {Milliseconds(query.RoundTrip)}{retries}";

        if (query.ClockOffset is { } offset)
        {
            yield return ClockLine(offset, query.OffsetUncertainty, query.Reply.ZoneKnown);
        }
    }

    internal static string ClockLine(TimeSpan offset, TimeSpan uncertainty, bool zoneKnown)
    {
        var plusMinus = $"± {Seconds(uncertainty)}";
        string line;
        if (offset.Duration() <= uncertainty)
        {
            line = $"server clock: same as this machine's ({plusMinus})";
        }
        else
        {
            line = $"server clock: {Seconds(offset.Duration())} {(offset > TimeSpan.Zero ? "ahead of" : "behind")} this machine's ({plusMinus})";
        }

        if (!zoneKnown)
        {
            line += "; the reply names no time zone, so this assumes the server's is this machine's";
            // Whole quarter-hours apart (time zones are): a zone difference, not a wrong clock.
            var quarters = offset.TotalMinutes / 15;
            if (offset.Duration() >= TimeSpan.FromMinutes(15) && Math.Abs(quarters - Math.Round(quarters)) * 15 < 1)
            {
                line += $" (about {offset.TotalHours:+0.##;-0.##} h apart: probably another time zone)";
            }
        }

        return line;
    }

    private static string FormatName(TimeReplyKind kind) => kind switch
    {
        TimeReplyKind.Ctime => "ctime text",
        TimeReplyKind.Iso8601 => "ISO 8601 text",
        TimeReplyKind.Rfc868 => "RFC 868 binary time",
        TimeReplyKind.Rfc867Daytime => "RFC 867 daytime text",
        _ => "text that is not a time netprog knows",
    };

    private static string Describe(SocketErrorKind error) => error switch
    {
        SocketErrorKind.ConnectionRefused => "refused",
        SocketErrorKind.TimedOut => "timed out",
        _ => error.ToString(),
    };

    private static string Milliseconds(TimeSpan value) => $"{value.TotalMilliseconds:0.###} ms";

    private static string Seconds(TimeSpan value) => value < TimeSpan.FromSeconds(1) ? $"{value.TotalMilliseconds:0.#} ms" : $"{value.TotalSeconds:0.###} s";
}
