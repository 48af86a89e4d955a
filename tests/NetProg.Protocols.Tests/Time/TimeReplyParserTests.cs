using NetProg.Protocols.Time;

namespace NetProg.Protocols.Tests.Time;

public sealed class TimeReplyParserTests
{
    private static readonly TimeSpan SeoulOffset = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset Reference = new(2026, 11, 24, 10, 52, 50, TimeSpan.Zero);
    private static readonly DateTimeOffset SeoulNovember24 = new(2026, 11, 24, 19, 52, 49, SeoulOffset);

    [Theory]
    [InlineData("Tue Nov 24 19:52:49 2026")]
    [InlineData("Tue Nov 24 19:52:49 2026\n")]
    [InlineData("Tue Nov 24 19:52:49 2026\n\0")]
    [InlineData("Tue Nov 24 19:52:49 2026\0")]
    [InlineData("Tue Nov 24 19:52:49 2026\0\n")]
    [InlineData("Tue Nov 24 19:52:49 2026\r\n")]
    [InlineData("Tue Nov 24 19:52:49 2026\r\n\0\0")]
    [InlineData("  \tTue Nov 24 19:52:49 2026 \t\n")]
    public void Parses_ctime_with_any_line_ending_in_the_client_zone(string reply)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Ctime, parsed.Kind);
        Assert.Equal("Tue Nov 24 19:52:49 2026", parsed.Text);
        Assert.Equal(SeoulNovember24, parsed.Time);
        Assert.Equal(SeoulOffset, parsed.Time!.Value.Offset);
        Assert.False(parsed.ZoneKnown);
        Assert.Equal(TimeSpan.FromSeconds(1), parsed.Resolution);
    }

    [Theory]
    [InlineData("Wed Nov  4 09:05:01 2026\n")]
    [InlineData("Wed Nov 04 09:05:01 2026\n")]
    [InlineData("Wed Nov 4 09:05:01 2026\n")]
    [InlineData("wed NOV 4 09:05:01 2026\n")]
    public void Parses_ctime_with_a_padded_or_unpadded_single_digit_day(string reply)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Ctime, parsed.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 9, 5, 1, SeoulOffset), parsed.Time);
    }

    [Fact]
    public void Parses_ctime_as_FreeBSD_inetd_sends_it()
    {
        // inetd's daytime_stream: sprintf(buffer, "%.24s\r\n", ctime(&clock)).
        TimeReply parsed = Parse("Tue Nov 24 19:52:49 2026\r\n");

        Assert.Equal(TimeReplyKind.Ctime, parsed.Kind);
        Assert.Equal(SeoulNovember24, parsed.Time);
    }

    [Fact]
    public void Should_keep_a_ctime_whose_weekday_does_not_match_the_date()
    {
        TimeReply parsed = Parse("Mon Nov 24 19:52:49 2026\n");

        Assert.Equal(TimeReplyKind.Ctime, parsed.Kind);
        Assert.Equal(SeoulNovember24, parsed.Time);
    }

    [Theory]
    [InlineData("Xyz Nov 24 19:52:49 2026\n")]
    [InlineData("Tue Foo 24 19:52:49 2026\n")]
    [InlineData("Tue Feb 30 19:52:49 2026\n")]
    [InlineData("Tue Nov 24 24:00:00 2026\n")]
    [InlineData("Tue Nov 24 19:52 2026\n")]
    [InlineData("Tue Nov 24 19:52:49\n")]
    [InlineData("Tue Nov 24 19:52:49 2026 extra\n")]
    [InlineData("Tue Nov 124 19:52:49 2026\n")]
    [InlineData("Tue Nov 24 19:52:49 20266\n")]
    [InlineData("Tue Nov 24 1952:49: 2026\n")]
    [InlineData("Tue Nov 24 +9:52:49 2026\n")]
    [InlineData("Mon Jan  1 00:00:00 1\n")]
    public void Should_show_malformed_ctime_as_text(string reply)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Text, parsed.Kind);
        Assert.Equal(reply.TrimEnd('\n'), parsed.Text);
        Assert.Null(parsed.Time);
        Assert.Equal(TimeSpan.Zero, parsed.Resolution);
    }

    [Fact]
    public void Should_apply_the_client_zone_DST_rule_for_the_reply_date()
    {
        TimeReply summer = TimeReplyParser.Parse("Wed Jul 15 12:00:00 2026\n"u8, Reference, TestZones.NewYorkLike);
        TimeReply winter = TimeReplyParser.Parse("Thu Jan 15 12:00:00 2026\n"u8, Reference, TestZones.NewYorkLike);

        Assert.Equal(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.FromHours(-4)), summer.Time);
        Assert.Equal(TimeSpan.FromHours(-4), summer.Time!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.FromHours(-5)), winter.Time);
        Assert.Equal(TimeSpan.FromHours(-5), winter.Time!.Value.Offset);
    }

    [Theory]
    [InlineData("Sun Mar  8 02:30:00 2026\n")] // skipped by the spring-forward jump
    [InlineData("Sun Nov  1 01:30:00 2026\n")] // shown twice when clocks fall back
    public void Should_read_a_skipped_or_repeated_local_time_at_the_standard_offset(string reply)
    {
        TimeReply parsed = TimeReplyParser.Parse(Encoding.ASCII.GetBytes(reply), Reference, TestZones.NewYorkLike);

        Assert.Equal(TimeReplyKind.Ctime, parsed.Kind);
        Assert.Equal(TimeSpan.FromHours(-5), parsed.Time!.Value.Offset);
    }

    [Fact]
    public void Should_read_a_leap_second_as_the_start_of_the_next_minute()
    {
        TimeReply parsed = Parse("Wed Dec 31 23:59:60 2036\n");

        Assert.Equal(TimeReplyKind.Ctime, parsed.Kind);
        Assert.Equal(new DateTimeOffset(2037, 1, 1, 0, 0, 0, SeoulOffset), parsed.Time);
    }

    [Theory]
    [InlineData("2026-11-24T19:52:49+09:00", 0, 9, 0)]
    [InlineData("2026-11-24T19:52:49+0900", 0, 9, 0)]
    [InlineData("2026-11-24T10:52:49Z", 0, 0, 0)]
    [InlineData("2026-11-24t10:52:49z", 0, 0, 0)]
    [InlineData("2026-11-24 10:52:49+00:00", 0, 0, 0)]
    [InlineData("2026-11-24T10:52:49-00:00", 0, 0, 0)]
    [InlineData("2026-11-24T07:22:49-03:30", 0, -3, -30)]
    [InlineData("2026-11-24T07:22:49-0330", 0, -3, -30)]
    [InlineData("2026-11-24T19:52:49.123456+09:00\r\n", 1_234_560, 9, 0)]
    public void Parses_iso8601_with_a_zone(string reply, long fractionTicks, int offsetHours, int offsetMinutes)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Iso8601, parsed.Kind);
        Assert.Equal(reply.TrimEnd(), parsed.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 52, 49, TimeSpan.Zero).AddTicks(fractionTicks), parsed.Time);
        Assert.Equal(new TimeSpan(offsetHours, offsetMinutes, 0), parsed.Time!.Value.Offset);
        Assert.True(parsed.ZoneKnown);
    }

    [Theory]
    [InlineData("2026-11-24T19:52:49Z", 10_000_000)]
    [InlineData("2026-11-24T19:52:49.1Z", 1_000_000)]
    [InlineData("2026-11-24T19:52:49.123Z", 10_000)]
    [InlineData("2026-11-24T19:52:49.123456Z", 10)]
    [InlineData("2026-11-24T19:52:49.1234567Z", 1)]
    [InlineData("2026-11-24T19:52:49.123456789Z", 1)]
    public void Should_report_the_iso8601_resolution_from_the_fraction_digits(string reply, long resolutionTicks)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Iso8601, parsed.Kind);
        Assert.Equal(TimeSpan.FromTicks(resolutionTicks), parsed.Resolution);
        var second = new DateTimeOffset(2026, 11, 24, 19, 52, 49, TimeSpan.Zero);
        Assert.InRange(parsed.Time!.Value, second, second.AddSeconds(1));
    }

    [Fact]
    public void Should_truncate_nanoseconds_to_ticks()
    {
        TimeReply parsed = Parse("2026-11-24T19:52:49.123456789Z");

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 19, 52, 49, TimeSpan.Zero).AddTicks(1_234_567), parsed.Time);
    }

    [Fact]
    public void Parses_iso8601_without_a_zone_in_the_client_zone()
    {
        TimeReply parsed = Parse("2026-11-24T19:52:49.5\r\n");

        Assert.Equal(TimeReplyKind.Iso8601, parsed.Kind);
        Assert.Equal(SeoulNovember24.AddMilliseconds(500), parsed.Time);
        Assert.False(parsed.ZoneKnown);
        Assert.Equal(TimeSpan.FromMilliseconds(100), parsed.Resolution);
    }

    [Theory]
    [InlineData("2026-13-24T19:52:49Z")]
    [InlineData("2026-02-29T19:52:49Z")]
    [InlineData("2026-11-24T19:52:49.Z")]
    [InlineData("2026-11-24T19:52:49.1234567890Z")]
    [InlineData("2026-11-24T19:52:49+9:00")]
    [InlineData("2026-11-24T19:52:49+09:60")]
    [InlineData("2026-11-24T19:52:49+09")]
    [InlineData("2026-11-24T19:52:49ZZ")]
    [InlineData("2026-11-24X19:52:49Z")]
    [InlineData("2026-11-24T19:52")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    public void Should_show_malformed_iso8601_as_text(string reply)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Text, parsed.Kind);
        Assert.Null(parsed.Time);
    }

    [Fact]
    public void Should_keep_an_offset_beyond_14_hours_as_the_same_instant_in_utc()
    {
        TimeReply parsed = Parse("2026-11-24T23:52:49+23:00");

        Assert.Equal(TimeReplyKind.Iso8601, parsed.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 52, 49, TimeSpan.Zero), parsed.Time);
    }

    [Theory]
    [InlineData("24 NOV 2026 10:52:49 UTC\r\n")]
    [InlineData("24 NOV 2026 10:52:49 GMT\r\n")]
    [InlineData("24 nov 2026 10:52:49 ut\r\n")]
    [InlineData("24 Nov 2026 10:52:49 Z\r\n")]
    [InlineData("24 NOV 2026 19:52:49 +0900\r\n")]
    [InlineData("24 NOV 2026 19:52:49 +09\r\n")]
    [InlineData("24 NOV 2026 05:52:49 -05:00\r\n")]
    public void Parses_xinetd_daytime_with_a_known_zone(string reply)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Rfc867Daytime, parsed.Kind);
        Assert.Equal(reply.TrimEnd(), parsed.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 52, 49, TimeSpan.Zero), parsed.Time);
        Assert.True(parsed.ZoneKnown);
        Assert.Equal(TimeSpan.FromSeconds(1), parsed.Resolution);
    }

    [Theory]
    [InlineData("24 NOV 2026 19:52:49 KST\r\n")]
    [InlineData("24 NOV 2026 19:52:49 PST\r\n")]
    [InlineData("24 NOV 2026 19:52:49\r\n")]
    public void Parses_xinetd_daytime_with_an_unknown_zone_in_the_client_zone(string reply)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Rfc867Daytime, parsed.Kind);
        Assert.Equal(SeoulNovember24, parsed.Time);
        Assert.False(parsed.ZoneKnown);
    }

    [Theory]
    [InlineData("24 NOV 2026 19:52:49 UTC+9")]
    [InlineData("24 NOV 2026 19:52:49 K$T")]
    [InlineData("31 NOV 2026 19:52:49 UTC")]
    [InlineData("24 NOV 2026 19:52:49 UTC extra")]
    [InlineData("Tuesday, February 22, 1982 17:37:43-PST")]
    public void Should_show_other_daytime_text_as_text(string reply)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Text, parsed.Kind);
        Assert.Equal(reply, parsed.Text);
        Assert.Null(parsed.Time);
        Assert.False(parsed.ZoneKnown);
    }

    [Fact]
    public void Parses_4_binary_bytes_as_rfc868()
    {
        TimeReply parsed = TimeReplyParser.Parse([0xEE, 0xAF, 0xEB, 0x01], Reference, TestZones.Seoul);

        Assert.Equal(TimeReplyKind.Rfc868, parsed.Kind);
        Assert.Equal("2026-11-24 10:52:49 UTC", parsed.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 52, 49, TimeSpan.Zero), parsed.Time);
        Assert.Equal(TimeSpan.Zero, parsed.Time!.Value.Offset);
        Assert.True(parsed.ZoneKnown);
        Assert.Equal(TimeSpan.FromSeconds(1), parsed.Resolution);
    }

    [Fact]
    public void Should_decide_rfc868_on_the_raw_bytes_even_when_they_end_in_NUL_or_LF()
    {
        // 0xEEAFEB00 and 0xEEAFEB0A: a trailing 0x00/0x0A is part of the number, not a terminator to strip.
        TimeReply nul = TimeReplyParser.Parse([0xEE, 0xAF, 0xEB, 0x00], Reference, TestZones.Seoul);
        TimeReply lf = TimeReplyParser.Parse([0xEE, 0xAF, 0xEB, 0x0A], Reference, TestZones.Seoul);

        Assert.Equal(TimeReplyKind.Rfc868, nul.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 52, 48, TimeSpan.Zero), nul.Time);
        Assert.Equal(TimeReplyKind.Rfc868, lf.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 52, 58, TimeSpan.Zero), lf.Time);
    }

    [Theory]
    [InlineData("abc\n", "abc")]
    [InlineData("1234", "1234")]
    [InlineData("12\r\n", "12")]
    [InlineData("ok \t", "ok")]
    public void Should_not_take_4_bytes_of_ascii_text_for_rfc868(string reply, string text)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Text, parsed.Kind);
        Assert.Equal(text, parsed.Text);
        Assert.Null(parsed.Time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("\0\0\0")]
    [InlineData("\0\0\0\0\0")]
    [InlineData("\n")]
    [InlineData("\r\n\0")]
    [InlineData(" \t \r\n ")]
    public void Should_report_an_empty_reply_as_empty(string reply)
    {
        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Empty, parsed.Kind);
        Assert.Equal(string.Empty, parsed.Text);
        Assert.Null(parsed.Time);
        Assert.False(parsed.ZoneKnown);
        Assert.Equal(TimeSpan.Zero, parsed.Resolution);
    }

    [Fact]
    public void Should_report_only_NULs_of_any_length_but_4_as_empty()
    {
        Assert.Equal(TimeReplyKind.Empty, TimeReplyParser.Parse(new byte[26], Reference, TestZones.Seoul).Kind);
        Assert.Equal(TimeReplyKind.Empty, TimeReplyParser.Parse(new byte[512], Reference, TestZones.Seoul).Kind);

        // Exactly 4 NULs is the RFC 868 value 0, the very second of the 2036 wrap (or 1900): binary, not empty.
        Assert.Equal(TimeReplyKind.Rfc868, TimeReplyParser.Parse(new byte[4], Reference, TestZones.Seoul).Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x83, 0xAA, 0x7E }, "\\x83\\xAA~")]
    [InlineData(new byte[] { 0x83, 0xAA, 0x7E, 0x80, 0x01 }, "\\x83\\xAA~\\x80\\x01")]
    [InlineData(new byte[] { 0xFF }, "\\xFF")]
    [InlineData(new byte[] { (byte)'a', 0x1B, (byte)'[', (byte)'2', (byte)'J', (byte)'b' }, "a\\x1B[2Jb")]
    [InlineData(new byte[] { (byte)'a', (byte)'\t', (byte)'b', (byte)'\n', (byte)'c' }, "a\\x09b\\x0Ac")]
    [InlineData(new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xC3, 0xA9, 0x00 }, "caf\\xC3\\xA9")]
    public void Should_show_binary_and_control_bytes_escaped(byte[] reply, string text)
    {
        TimeReply parsed = TimeReplyParser.Parse(reply, Reference, TestZones.Seoul);

        Assert.Equal(TimeReplyKind.Text, parsed.Kind);
        Assert.Equal(text, parsed.Text);
        Assert.Null(parsed.Time);
        Assert.Equal(TimeSpan.Zero, parsed.Resolution);
    }

    [Fact]
    public void Should_show_a_ctime_with_an_embedded_NUL_as_text()
    {
        TimeReply parsed = Parse("Tue Nov 24\0 19:52:49 2026\n\0");

        Assert.Equal(TimeReplyKind.Text, parsed.Kind);
        Assert.Equal("Tue Nov 24\\x00 19:52:49 2026", parsed.Text);
        Assert.Null(parsed.Time);
    }

    [Fact]
    public void Should_truncate_10_kB_of_garbage_without_throwing()
    {
        byte[] garbage = Payloads.Random(20261124, 10 * 1024);

        TimeReply parsed = TimeReplyParser.Parse(garbage, Reference, TestZones.Seoul);

        Assert.Equal(TimeReplyKind.Text, parsed.Kind);
        Assert.Null(parsed.Time);
        Assert.EndsWith("…", parsed.Text, StringComparison.Ordinal);
        Assert.True(parsed.Text.Length <= (512 * 4) + 1, $"Text is {parsed.Text.Length} chars");
    }

    [Fact]
    public void Should_show_the_first_512_bytes_of_a_long_text_reply()
    {
        string reply = new string('x', 600) + "\n";

        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Text, parsed.Kind);
        Assert.Equal(new string('x', 512) + "…", parsed.Text);
    }

    [Fact]
    public void Should_not_claim_a_time_from_a_reply_it_did_not_read_to_the_end()
    {
        string reply = "Tue Nov 24 19:52:49 2026\n" + new string(' ', 600);

        TimeReply parsed = Parse(reply);

        Assert.Equal(TimeReplyKind.Text, parsed.Kind);
        Assert.Equal("Tue Nov 24 19:52:49 2026…", parsed.Text);
        Assert.Null(parsed.Time);
    }

    [Fact]
    public void Should_never_throw_on_random_replies()
    {
        var random = new Random(868);
        byte[] alphabet = "0123456789:-+.TZ NOVTueUTC\r\n\0\t"u8.ToArray();
        for (int i = 0; i < 5_000; i++)
        {
            byte[] reply = new byte[random.Next(0, 40)];
            if (i % 2 == 0)
            {
                random.NextBytes(reply);
            }
            else
            {
                // Near-misses of the real formats reach deeper into the parsers than uniform noise does.
                for (int j = 0; j < reply.Length; j++)
                {
                    reply[j] = alphabet[random.Next(alphabet.Length)];
                }
            }

            TimeReply parsed = TimeReplyParser.Parse(reply, Reference, TestZones.NewYorkLike);

            Assert.NotNull(parsed.Text);
            Assert.Equal(parsed.Time is null, parsed.Resolution == TimeSpan.Zero);
            Assert.True(parsed.Kind != TimeReplyKind.Rfc868 || reply.Length == 4);
        }
    }

    [Theory]
    [InlineData("Fri Dec 31 23:59:59 9999\n")]
    [InlineData("Mon Jan  1 00:00:00 1\n")]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("9999-12-31T23:59:60Z")]
    [InlineData("01 JAN 1 00:00:00 KST")]
    [InlineData("31 DEC 9999 23:59:59 -12:00")]
    public void Should_not_throw_at_the_edges_of_the_calendar(string reply)
    {
        foreach (TimeZoneInfo zone in new[] { TestZones.Seoul, TestZones.Utc, TestZones.NewYorkLike, TestZones.Fixed(TimeSpan.FromHours(-14)), TestZones.Fixed(TimeSpan.FromHours(14)) })
        {
            TimeReply parsed = TimeReplyParser.Parse(Encoding.ASCII.GetBytes(reply), Reference, zone);

            Assert.Equal(parsed.Time is null, parsed.Kind == TimeReplyKind.Text);
        }
    }

    [Fact]
    public void Should_reject_a_null_zone()
    {
        Assert.Throws<ArgumentNullException>(() => TimeReplyParser.Parse("x"u8, Reference, null!));
    }

    private static TimeReply Parse(string reply)
        => TimeReplyParser.Parse(Encoding.Latin1.GetBytes(reply), Reference, TestZones.Seoul);
}
