using NetProg.Protocols.Time;

namespace NetProg.Protocols.Tests.Time;

public sealed class RoundTripTests
{
    private static readonly string[] Instants =
    [
        "2026-11-24T19:52:49.1234567+09:00",
        "2026-11-04T09:05:01+00:00",
        "1970-01-01T00:00:00+00:00",
        "2000-02-29T12:00:00.5-12:00",
        "2036-02-07T06:28:15.9999999+00:00",
        "2036-02-07T06:28:16+00:00",
        "2040-01-01T00:00:00.000001-03:30",
        "2099-12-31T23:59:59.9999999+14:00",
    ];

    public static TheoryData<TimeFormat, string> Cases()
    {
        var cases = new TheoryData<TimeFormat, string>();
        foreach (TimeFormat format in Enum.GetValues<TimeFormat>())
        {
            foreach (string instant in Instants)
            {
                cases.Add(format, instant);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_parse_back_what_it_formats_within_the_resolution(TimeFormat format, string instant)
    {
        DateTimeOffset now = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

        // ctime carries no zone: the round trip holds when client and server share one, as in a lab.
        TimeReply parsed = TimeReplyParser.Parse(TimeFormatter.Format(format, now), now, TestZones.Fixed(now.Offset));

        Assert.Equal(Expected(format), parsed.Kind);
        Assert.NotNull(parsed.Time);
        Assert.Equal(format == TimeFormat.Iso8601 ? TimeSpan.FromTicks(10) : TimeSpan.FromSeconds(1), parsed.Resolution);

        // Every format truncates, so the parsed instant is at most one resolution step before the real one.
        TimeSpan error = now - parsed.Time.Value;
        Assert.InRange(error, TimeSpan.Zero, parsed.Resolution - TimeSpan.FromTicks(1));
        Assert.Equal(format != TimeFormat.Ctime, parsed.ZoneKnown);
        if (format != TimeFormat.Rfc868)
        {
            Assert.Equal(now.Offset, parsed.Time.Value.Offset);
        }
    }

    private static TimeReplyKind Expected(TimeFormat format) => format switch
    {
        TimeFormat.Ctime => TimeReplyKind.Ctime,
        TimeFormat.Iso8601 => TimeReplyKind.Iso8601,
        _ => TimeReplyKind.Rfc868,
    };
}
