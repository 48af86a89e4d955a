using NetProg.Protocols.Time;

namespace NetProg.Protocols.Tests.Time;

public sealed class CultureIndependenceTests
{
    [Theory]
    [InlineData("ko-KR")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    public void Should_format_and_parse_the_same_in_any_culture(string culture)
    {
        var now = new DateTimeOffset(2026, 11, 24, 19, 52, 49, TimeSpan.FromHours(9)).AddTicks(1_234_567);
        var reference = new DateTimeOffset(2026, 11, 24, 10, 52, 50, TimeSpan.Zero);
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

            Assert.Equal("Tue Nov 24 19:52:49 2026\n", Encoding.ASCII.GetString(TimeFormatter.Format(TimeFormat.Ctime, now)));
            Assert.Equal("2026-11-24T19:52:49.123456+09:00\r\n", Encoding.ASCII.GetString(TimeFormatter.Format(TimeFormat.Iso8601, now)));
            Assert.Equal([0xEE, 0xAF, 0xEB, 0x01], TimeFormatter.Format(TimeFormat.Rfc868, now));

            // Turkish upper-cases "i" to "İ": ASCII-only case folding must still match "WED" and "nov" and "utc".
            Assert.Equal(TimeReplyKind.Ctime, TimeReplyParser.Parse("WED NOV  4 09:05:01 2026\n"u8, reference, TestZones.Seoul).Kind);
            TimeReply daytime = TimeReplyParser.Parse("24 nov 2026 10:52:49 utc\r\n"u8, reference, TestZones.Seoul);
            Assert.Equal(TimeReplyKind.Rfc867Daytime, daytime.Kind);
            Assert.True(daytime.ZoneKnown);
            Assert.Equal("2026-11-24 10:52:49 UTC", TimeReplyParser.Parse([0xEE, 0xAF, 0xEB, 0x01], reference, TestZones.Seoul).Text);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}
