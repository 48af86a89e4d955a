using NetProg.Protocols.Time;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// <see cref="TimeReplyParser.Parse"/>, the client's reading of whatever a time server sent, in several zones and
/// against several clocks. It must never throw, a recognised reply must carry a time and an unrecognised one none, and
/// the display text must be printable ASCII only (a reply must not be able to move the cursor or spoof the terminal).
/// </summary>
/// <remarks>
/// Input: byte 0 picks the client zone (low 3 bits) and the client clock (next 2 bits); the rest is the reply.
/// The zones are built in code, not read from tzdata, so a crash replays the same on every machine.
/// </remarks>
public sealed class TimeReplyTarget : IFuzzTarget
{
    private static readonly TimeZoneInfo[] Zones =
    [
        TimeZoneInfo.Utc,
        Fixed(9, 0),
        Fixed(-12, 0),
        Fixed(14, 0),
        Fixed(12, 45), // Chatham: a quarter-hour offset
        Fixed(-3, -30), // Newfoundland standard time
        NewYorkLike(),
        Fixed(5, 30),
    ];

    private static readonly DateTimeOffset[] Clocks =
    [
        new(2026, 11, 24, 10, 52, 50, TimeSpan.Zero),
        new(2036, 2, 7, 6, 28, 15, TimeSpan.Zero), // RFC 868's 32-bit counter wraps at 06:28:16 UTC
        new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new(2099, 12, 31, 23, 59, 59, TimeSpan.Zero),
    ];

    /// <inheritdoc />
    public string Name => "time-reply";

    /// <inheritdoc />
    public string Description => "TimeReplyParser.Parse (RFC 868, ctime, ISO 8601, daytime) in 8 zones and 4 clocks";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        TimeZoneInfo zone = Zones[input[0] & 0x7];
        DateTimeOffset clock = Clocks[(input[0] >> 3) & 0x3];
        TimeReply reply = TimeReplyParser.Parse(input[1..], clock, zone);

        bool recognised = reply.Kind is TimeReplyKind.Ctime or TimeReplyKind.Iso8601 or TimeReplyKind.Rfc868 or TimeReplyKind.Rfc867Daytime;
        FuzzInvariantException.Check(recognised == reply.Time.HasValue, $"kind {reply.Kind} with time {reply.Time}");
        FuzzInvariantException.Check(
            reply.Kind != TimeReplyKind.Empty || reply.Text.Length == 0,
            "an empty reply with text");
        FuzzInvariantException.Check(reply.Resolution >= TimeSpan.Zero, "a negative resolution");

        // Printable ASCII, and the truncation mark only as the last character.
        string text = reply.Text.EndsWith('…') ? reply.Text[..^1] : reply.Text;
        foreach (char c in text)
        {
            FuzzInvariantException.Check(c is >= ' ' and <= '~', $"display text holds U+{(int)c:X4}");
        }

        // Every escaped byte is 4 characters; nothing beyond the inspected 512 bytes is shown.
        FuzzInvariantException.Check(reply.Text.Length <= (4 * 512) + 1, $"display text of {reply.Text.Length} characters");
    }

    private static TimeZoneInfo Fixed(int hours, int minutes)
    {
        var offset = new TimeSpan(hours, minutes, 0);
        string name = $"Fuzz/{offset}";
        return TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name);
    }

    // US rules since 2007: second Sunday of March to first Sunday of November, at 02:00 local.
    private static TimeZoneInfo NewYorkLike() =>
        TimeZoneInfo.CreateCustomTimeZone(
            "Fuzz/NewYorkLike",
            TimeSpan.FromHours(-5),
            "Fuzz New York-like",
            "FUZZ-EST",
            "FUZZ-EDT",
            [
                TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                    DateTime.MinValue.Date,
                    DateTime.MaxValue.Date,
                    TimeSpan.FromHours(1),
                    TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday),
                    TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday)),
            ]);
}
