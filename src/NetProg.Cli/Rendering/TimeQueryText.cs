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

        var from = string.Format(Strings.Time_From, EndPointText.Format(query.Server, query.Protocol));
        if (query.FailedAttempts.Count > 0)
        {
            from += string.Format(Strings.Time_After, string.Join(", ", query.FailedAttempts.Select(a => $"{EndPointText.Format(a.EndPoint)} {Describe(a.Error)}")));
        }

        var retries = query.Transmissions > 1 ? string.Format(Strings.Time_Retries, query.Transmissions) : string.Empty;
        yield return string.Format(Strings.Time_Summary, from, FormatName(query.Reply.Kind), query.ReplyBytes, Milliseconds(query.RoundTrip), retries);

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
            line = string.Format(Strings.Time_ClockSame, plusMinus);
        }
        else
        {
            line = string.Format(offset > TimeSpan.Zero ? Strings.Time_ClockAhead : Strings.Time_ClockBehind, Seconds(offset.Duration()), plusMinus);
        }

        if (!zoneKnown)
        {
            line += Strings.Time_NoZone;
            // Whole quarter-hours apart (time zones are): a zone difference, not a wrong clock.
            var quarters = offset.TotalMinutes / 15;
            if (offset.Duration() >= TimeSpan.FromMinutes(15) && Math.Abs(quarters - Math.Round(quarters)) * 15 < 1)
            {
                line += string.Format(Strings.Time_OtherZone, offset.TotalHours);
            }
        }

        return line;
    }

    private static string FormatName(TimeReplyKind kind) => kind switch
    {
        TimeReplyKind.Ctime => Strings.Time_Kind_Ctime,
        TimeReplyKind.Iso8601 => Strings.Time_Kind_Iso8601,
        TimeReplyKind.Rfc868 => Strings.Time_Kind_Rfc868,
        TimeReplyKind.Rfc867Daytime => Strings.Time_Kind_Rfc867,
        _ => Strings.Time_Kind_Unknown,
    };

    private static string Describe(SocketErrorKind error) => error switch
    {
        SocketErrorKind.ConnectionRefused => Strings.Time_Attempt_Refused,
        SocketErrorKind.TimedOut => Strings.Time_Attempt_TimedOut,
        _ => error.ToString(),
    };

    private static string Milliseconds(TimeSpan value) => $"{value.TotalMilliseconds:0.###} ms";

    private static string Seconds(TimeSpan value) => value < TimeSpan.FromSeconds(1) ? $"{value.TotalMilliseconds:0.#} ms" : $"{value.TotalSeconds:0.###} s";
}
