using NetProg.Services.Clients;

namespace NetProg.Services.Tests.Clients;

/// <summary>What a reply of the wrong service looks like, from its bytes alone.</summary>
public sealed class ForeignReplyTests
{
    [Theory]
    [InlineData("Mon Dec  7 01:28:01 2026\n\0", ForeignReplyKind.Time, "Mon Dec  7 01:28:01 2026")]
    [InlineData("2026-12-07T01:28:01+09:00\r\n", ForeignReplyKind.Time, "2026-12-07T01:28:01+09:00")]
    [InlineData("220 netprog echo with login ready\r\n530 please log in\r\n", ForeignReplyKind.LoginReply, "220 netprog echo with login ready…")]
    [InlineData("530 please log in\r\n", ForeignReplyKind.LoginReply, "530 please log in")]
    [InlineData("Mon Dec  7 01:28:01 2026\nmore\n", ForeignReplyKind.Time, "Mon Dec  7 01:28:01 2026…")]
    [InlineData("hello there\n", ForeignReplyKind.Unrecognised, "hello there")]
    [InlineData("2200 is not a reply code\n", ForeignReplyKind.Unrecognised, "2200 is not a reply code")]
    [InlineData("", ForeignReplyKind.Empty, "")]
    public void Should_recognise_what_the_course_services_send(string reply, ForeignReplyKind kind, string text)
    {
        var foreign = ForeignReply.Of(Encoding.ASCII.GetBytes(reply), "ping\n"u8);

        Assert.Equal(kind, foreign.Kind);
        Assert.Equal(text, foreign.Text);
    }

    [Fact]
    public void Should_call_the_request_itself_an_echo()
    {
        Assert.Equal(ForeignReplyKind.Echo, ForeignReply.Of([], []).Kind);
        Assert.Equal(ForeignReplyKind.Echo, ForeignReply.Of("ping\n"u8, "ping\n"u8).Kind);
    }

    [Fact]
    public void Should_show_control_bytes_escaped_and_cut_a_long_line()
    {
        var foreign = ForeignReply.Of(Encoding.ASCII.GetBytes("\u001b[2J" + new string('x', 200)), []);

        Assert.StartsWith("\\x1B[2J", foreign.Text);
        Assert.EndsWith("…", foreign.Text);
        Assert.True(foreign.Text.Length <= 81);
    }

    [Theory]
    [InlineData("Mon Dec  7 01:28:01 2026", "abcdefghijklmnopqrstuvwx", true)]
    [InlineData("hello world, this is it", "hellb wbrld, this is it", false)]
    [InlineData("", "ping", true)]
    [InlineData("ping", "ping", false)]
    public void Should_tell_another_service_from_a_few_corrupted_bytes(string reply, string request, bool unlike) =>
        Assert.Equal(unlike, ForeignReply.IsMostlyUnlike(Encoding.ASCII.GetBytes(reply), Encoding.ASCII.GetBytes(request)));
}
