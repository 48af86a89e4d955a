using NetProg.Protocols.Login;
using static NetProg.Protocols.Tests.Login.SessionSteps;

namespace NetProg.Protocols.Tests.Login;

public sealed class LoginSessionCommandTests
{
    [Theory]
    [InlineData("USER alice", "PASS secret")]
    [InlineData("user alice", "pass secret")]
    [InlineData("User alice", "Pass secret")]
    [InlineData("uSeR alice", "pAsS secret")]
    public void Should_accept_commands_in_any_case(string userLine, string passLine)
    {
        // Given a greeted client; commands are case-insensitive in FTP (RFC 959 section 5.3) and POP3 (RFC 1939 section 3)
        LoginSession session = Started();

        // When
        LoginAction user = session.Send(userLine);
        LoginAction pass = session.Send(passLine);

        // Then the name and password keep their case
        Assert.Equal(Reply(ReplyCode.PasswordRequired, "password required"), user);
        Assert.Equal(new VerifyPassword("alice", "secret"), pass);
    }

    [Fact]
    public void Should_keep_the_case_of_the_name()
    {
        // Given / When
        LoginSession session = ExpectingPassword("Alice");

        // Then names are compared by the service's account store, not folded here
        Assert.Equal("Alice", session.UserName);
    }

    [Theory]
    [InlineData("PASS two words", "two words")]
    [InlineData("PASS  leading space", " leading space")]
    [InlineData("PASS trailing space ", "trailing space ")]
    [InlineData("PASS tab\tinside", "tab\tinside")]
    [InlineData("PASS PASS x", "PASS x")]
    [InlineData("PASS ", "")]
    [InlineData("PASS", "")]
    [InlineData("PASS 비밀번호", "비밀번호")]
    public void Should_take_the_rest_of_the_PASS_line_verbatim_as_the_password(string passLine, string expected)
    {
        // Given USER was answered
        LoginSession session = ExpectingPassword();

        // When
        LoginAction pass = session.Send(passLine);

        // Then only the one separating space is removed (the issue: "PASS <password> (the rest of the line)")
        Assert.Equal(new VerifyPassword("alice", expected), pass);
    }

    [Theory]
    [InlineData("QUIT")]
    [InlineData("quit")]
    [InlineData("Quit")]
    public void Should_quit_with_221_before_login(string line)
    {
        // Given a greeted client
        LoginSession session = Started();

        // When
        LoginAction result = session.Send(line);

        // Then (the issue: "QUIT -> 221 bye and close")
        Assert.Equal(Closing(ReplyCode.Bye, "bye"), result);
        Assert.Equal(LoginState.Closed, session.State);
    }

    [Fact]
    public void Should_quit_with_221_while_a_password_is_expected()
    {
        // Given USER was answered
        LoginSession session = ExpectingPassword();

        // When / Then
        Assert.Equal(Closing(ReplyCode.Bye, "bye"), session.Send("QUIT"));
    }

    [Fact]
    public void Should_quit_with_221_after_login_instead_of_echoing()
    {
        // Given a logged-in client
        LoginSession session = LoggedIn();

        // When
        LoginAction result = session.Send("quit");

        // Then QUIT is the one line that is not echoed
        Assert.Equal(Closing(ReplyCode.Bye, "bye"), result);
        Assert.Equal(LoginState.Closed, session.State);
        Assert.Equal("alice", session.UserName);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("USER bob")]
    [InlineData("PASS secret")]
    [InlineData("NOOP")]
    [InlineData("quit now")]
    [InlineData("QUIT ")]
    [InlineData(" QUIT")]
    public void Should_echo_every_line_after_login_except_QUIT(string line)
    {
        // Given a logged-in client
        LoginSession session = LoggedIn();

        // When it sends any line, even one that looks like a command; QUIT has no argument (RFC 959, RFC 1939), so a
        // line that merely starts with it is data
        LoginAction result = session.Send(line);

        // Then the service echoes the raw line (the issue: "after 230, every line is echoed back verbatim")
        Assert.Same(EchoLine.Instance, result);
        Assert.Equal(LoginState.LoggedIn, session.State);
        Assert.Equal("alice", session.UserName);
    }

    [Fact]
    public void Should_not_throw_on_bytes_that_are_not_UTF8()
    {
        // Given a greeted client sending invalid UTF-8 (0xFF never occurs in UTF-8; 0xC0 0x80 is an overlong NUL)
        LoginSession session = Started();

        // When
        LoginAction other = session.OnLine([0xFF, 0xFE, (byte)' ', 0xC0, 0x80]);
        LoginAction user = session.OnLine([.. "USER "u8, 0xFF, (byte)'a']);
        LoginAction pass = session.OnLine([.. "PASS "u8, (byte)'p', 0xFF, 0xC0, 0x80]);
        LoginAction result = session.CompleteVerification(passwordOk: true);

        // Then an undecodable name is just invalid, an undecodable password is verified with U+FFFD replacements
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "please log in"), other);
        Assert.Equal(Reply(ReplyCode.PasswordRequired, "password required"), user);
        VerifyPassword verify = Assert.IsType<VerifyPassword>(pass);
        Assert.Null(verify.UserName);
        Assert.StartsWith("p\uFFFD", verify.Password, StringComparison.Ordinal);
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "login incorrect"), result);
    }

    [Fact]
    public void Should_echo_bytes_that_are_not_UTF8_after_login()
    {
        // Given a logged-in client
        LoginSession session = LoggedIn();

        // When / Then: the echo is byte-exact, so the session never needs to decode the line
        Assert.Same(EchoLine.Instance, session.OnLine([0xFF, 0x00, 0xC3]));
    }

    [Fact]
    public void Should_recognise_commands_the_same_in_a_Turkish_culture()
    {
        // Given a culture whose upper case of "i" is "İ" (U+0130), so culture-aware folding would break "quit"
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            LoginSession session = Started();

            // When / Then: folding is ASCII-only
            Assert.Equal(Reply(ReplyCode.PasswordRequired, "password required"), session.Send("user alice"));
            Assert.Equal(Closing(ReplyCode.Bye, "bye"), session.Send("quit"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
