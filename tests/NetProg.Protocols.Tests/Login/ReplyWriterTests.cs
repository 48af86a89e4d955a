using NetProg.Protocols.Login;

namespace NetProg.Protocols.Tests.Login;

public sealed class ReplyWriterTests
{
    [Fact]
    public void Should_write_code_space_text_CRLF()
    {
        // Given a reply
        Span<byte> buffer = stackalloc byte[64];

        // When
        int length = ReplyWriter.Write(ReplyCode.ServiceReady, "netprog echo ready", buffer);

        // Then (the issue: "replies end in CRLF")
        Assert.Equal("220 netprog echo ready\r\n", Encoding.ASCII.GetString(buffer[..length]));
        Assert.Equal(length, ReplyWriter.GetByteCount("netprog echo ready"));
    }

    [Fact]
    public void Should_encode_the_text_as_UTF8()
    {
        // Given a Korean banner
        const string banner = "에코 서버";
        byte[] buffer = new byte[ReplyWriter.GetByteCount(banner)];

        // When
        int length = ReplyWriter.Write(ReplyCode.ServiceReady, banner, buffer);

        // Then
        Assert.Equal(buffer.Length, length);
        Assert.Equal([.. "220 "u8, .. Encoding.UTF8.GetBytes(banner), .. "\r\n"u8], buffer);
    }

    [Fact]
    public void Should_write_every_reply_of_the_issue_byte_for_byte()
    {
        // Given the replies the session produces for each event
        LoginAction greeting = new LoginSession("hi").Start();
        string[] expected =
        [
            "220 hi\r\n",
            "331 password required\r\n",
            "530 please log in\r\n",
            "221 bye\r\n",
            "500 line too long\r\n",
            "421 idle timeout\r\n",
            "421 too many attempts, try later\r\n",
        ];
        LoginAction[] actions =
        [
            greeting,
            Fresh().OnLine("USER x"u8),
            Fresh().OnLine("PASS x"u8),
            Fresh().OnLine("QUIT"u8),
            Fresh().OnLineTooLong(),
            Fresh().OnIdleTimeout(),
            Fresh().OnThrottled(),
        ];

        // When / Then
        Assert.Equal(expected, actions.Select(Written));
    }

    [Fact]
    public void Should_write_the_login_outcomes_byte_for_byte()
    {
        // Given / When / Then
        Assert.Equal("230 welcome alice\r\n", Written(SessionSteps.Verifying("alice").CompleteVerification(passwordOk: true)));
        Assert.Equal("530 login incorrect\r\n", Written(SessionSteps.Verifying("alice").CompleteVerification(passwordOk: false)));
        LoginSession session = SessionSteps.Started();
        session.FailOnce();
        session.FailOnce();
        Assert.Equal("421 too many failed logins\r\n", Written(session.FailOnce()));
    }

    [Fact]
    public void Should_use_the_FTP_reply_numbers()
    {
        // Given RFC 959 section 4.2's codes
        // When / Then
        Assert.Equal(
            [220, 221, 230, 331, 421, 500, 530],
            new[] { ReplyCode.ServiceReady, ReplyCode.Bye, ReplyCode.LoggedIn, ReplyCode.PasswordRequired, ReplyCode.ServiceNotAvailable, ReplyCode.LineTooLong, ReplyCode.NotLoggedIn }.Select(code => (int)code));
    }

    [Theory]
    [InlineData("two\r\n530 forged")]
    [InlineData("lf\n")]
    [InlineData("cr\r")]
    public void Should_reject_a_text_with_CR_or_LF(string text)
    {
        // Given a text that would end the reply line early and forge another reply
        byte[] buffer = new byte[64];

        // When / Then
        Assert.Throws<ArgumentException>(() => ReplyWriter.Write(ReplyCode.ServiceReady, text, buffer));
        Assert.Throws<ArgumentException>(() => ReplyWriter.GetByteCount(text));
    }

    [Fact]
    public void Should_reject_a_destination_that_is_too_short()
    {
        // Given one byte too few
        byte[] buffer = new byte[ReplyWriter.GetByteCount("bye") - 1];

        // When / Then
        Assert.Throws<ArgumentException>(() => ReplyWriter.Write(ReplyCode.Bye, "bye", buffer));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(600)]
    [InlineData(1000)]
    public void Should_reject_a_code_that_is_not_1xx_to_5xx(int code)
    {
        // Given / When / Then
        byte[] buffer = new byte[64];
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplyWriter.Write((ReplyCode)code, "x", buffer));
    }

    private static LoginSession Fresh()
    {
        var session = new LoginSession("hi");
        session.Start();
        return session;
    }

    private static string Written(LoginAction action)
    {
        SendReply reply = Assert.IsType<SendReply>(action);
        byte[] buffer = new byte[ReplyWriter.GetByteCount(reply.Text)];
        int length = ReplyWriter.Write(reply.Code, reply.Text, buffer);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
