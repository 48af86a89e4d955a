using NetProg.Protocols.Login;
using static NetProg.Protocols.Tests.Login.SessionSteps;

namespace NetProg.Protocols.Tests.Login;

public sealed class LoginSessionLoginTests
{
    [Fact]
    public void Should_greet_with_220_and_the_banner()
    {
        // Given a new session
        var session = new LoginSession(Banner);
        Assert.Equal(LoginState.Greeting, session.State);

        // When the connection is accepted
        LoginAction greeting = session.Start();

        // Then (the issue: "on connect the server sends 220 <banner>")
        Assert.Equal(Reply(ReplyCode.ServiceReady, Banner), greeting);
        Assert.Equal(LoginState.ExpectUser, session.State);
    }

    [Fact]
    public void Should_log_in_with_USER_then_PASS_and_welcome_the_user_by_name()
    {
        // Given a greeted client
        LoginSession session = Started();

        // When it sends USER and PASS and the service finds the password right
        LoginAction user = session.Send("USER alice");
        LoginAction pass = session.Send("PASS secret");
        Assert.Equal(LoginState.Verifying, session.State);
        LoginAction result = session.CompleteVerification(passwordOk: true);

        // Then 331, a verification of exactly that name and password, then 230
        Assert.Equal(Reply(ReplyCode.PasswordRequired, "password required"), user);
        Assert.Equal(new VerifyPassword("alice", "secret"), pass);
        Assert.Equal(Reply(ReplyCode.LoggedIn, "welcome alice"), result);
        Assert.Equal(LoginState.LoggedIn, session.State);
        Assert.Equal("alice", session.UserName);
    }

    [Fact]
    public void Should_answer_530_login_incorrect_to_a_wrong_password_and_ask_for_USER_again()
    {
        // Given a pending verification
        LoginSession session = Verifying();

        // When the password is wrong
        LoginAction result = session.CompleteVerification(passwordOk: false);

        // Then 530, and as in POP3 (RFC 1939 section 7) the client starts over with USER: a bare PASS is not a retry
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "login incorrect"), result);
        Assert.Equal(LoginState.ExpectUser, session.State);
        Assert.Null(session.UserName);
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "please log in"), session.Send("PASS secret"));
    }

    [Theory]
    [InlineData("USER")]
    [InlineData("USER ")]
    [InlineData("USER  alice")]
    [InlineData("USER alice ")]
    [InlineData("USER bad name")]
    [InlineData("USER al!ce")]
    [InlineData("USER élise")]
    [InlineData("USER abcdefghijklmnopqrstuvwxyz0123456")]
    public void Should_answer_331_to_an_invalid_or_missing_name_and_still_verify_against_the_dummy(string userLine)
    {
        // Given a greeted client
        LoginSession session = Started();

        // When it sends a USER line without a valid name, then PASS
        LoginAction user = session.Send(userLine);
        LoginState afterUser = session.State;
        LoginAction pass = session.Send("PASS secret");

        // Then USER looks exactly as for a valid name (no enumeration, not even of the syntax), and PASS still costs a
        // verification: the null name tells the service to check against its dummy hash (the issue)
        Assert.Equal(Reply(ReplyCode.PasswordRequired, "password required"), user);
        Assert.Equal(LoginState.ExpectPass, afterUser);
        Assert.Null(session.UserName);
        Assert.Equal(new VerifyPassword(null, "secret"), pass);
        Assert.Equal(LoginState.Verifying, session.State);
    }

    [Fact]
    public void Should_never_log_in_an_invalid_name_even_if_the_dummy_check_says_yes()
    {
        // Given a verification for an invalid name
        LoginSession session = Started();
        session.Send("USER not valid");
        session.Send("PASS whatever");

        // When the service (wrongly) reports success
        LoginAction result = session.CompleteVerification(passwordOk: true);

        // Then the login still fails
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "login incorrect"), result);
        Assert.Equal(LoginState.ExpectUser, session.State);
    }

    [Fact]
    public void Should_answer_the_same_530_for_a_wrong_password_an_unknown_name_and_an_invalid_name()
    {
        // Given the three ways a login fails: known name with a wrong password, unknown valid name, invalid name
        LoginSession wrongPassword = Verifying("alice");
        LoginSession unknownName = Verifying("mallory");
        LoginSession invalidName = Verifying("not a name");

        // When each verification fails (the service checked the dummy hash for the last two)
        LoginAction[] replies =
        [
            wrongPassword.CompleteVerification(passwordOk: false),
            unknownName.CompleteVerification(passwordOk: false),
            invalidName.CompleteVerification(passwordOk: false),
        ];

        // Then the replies are identical (the issue: "530 login incorrect is the same bytes ... whether the name exists or not")
        Assert.All(replies, reply => Assert.Equal(Reply(ReplyCode.NotLoggedIn, "login incorrect"), reply));
    }

    [Fact]
    public void Should_answer_530_please_log_in_to_PASS_without_USER()
    {
        // Given a greeted client
        LoginSession session = Started();

        // When it sends PASS first
        LoginAction result = session.Send("PASS secret");

        // Then 530 (the issue: "before 230, anything else -> 530 please log in"; FTP would say 503), and no verification
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "please log in"), result);
        Assert.Equal(LoginState.ExpectUser, session.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NOOP")]
    [InlineData("hello world")]
    [InlineData("LIST /")]
    [InlineData("USERX alice")]
    [InlineData(" USER alice")]
    [InlineData("QUIT now")]
    public void Should_answer_530_please_log_in_to_anything_else_before_login(string line)
    {
        // Given a greeted client
        LoginSession session = Started();

        // When it sends something that is not USER, PASS or QUIT
        LoginAction result = session.Send(line);

        // Then
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "please log in"), result);
        Assert.Equal(LoginState.ExpectUser, session.State);
    }

    [Fact]
    public void Should_keep_the_pending_name_when_another_command_comes_between_USER_and_PASS()
    {
        // Given USER was answered
        LoginSession session = ExpectingPassword("alice");

        // When a stray command comes before PASS
        LoginAction stray = session.Send("NOOP");
        LoginAction pass = session.Send("PASS secret");

        // Then the stray command gets 530 and the name still applies (as vsftpd keeps it until PASS)
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "please log in"), stray);
        Assert.Equal(new VerifyPassword("alice", "secret"), pass);
    }

    [Fact]
    public void Should_restart_the_login_when_USER_comes_again_before_PASS()
    {
        // Given USER alice was answered
        LoginSession session = ExpectingPassword("alice");

        // When the client changes its mind
        LoginAction user = session.Send("USER bob");
        LoginAction pass = session.Send("PASS secret");

        // Then the new name is the one verified, as in FTP
        Assert.Equal(Reply(ReplyCode.PasswordRequired, "password required"), user);
        Assert.Equal(new VerifyPassword("bob", "secret"), pass);
        Assert.Equal("bob", session.UserName);
    }

    [Fact]
    public void Should_close_with_421_on_the_third_failed_PASS_instead_of_530()
    {
        // Given a client that failed twice
        LoginSession session = Started();
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "login incorrect"), session.FailOnce());
        Assert.Equal(Reply(ReplyCode.NotLoggedIn, "login incorrect"), session.FailOnce());

        // When it fails a third time
        LoginAction third = session.FailOnce();

        // Then one reply, 421, and close (the issue: "3 failed PASS on one connection -> 421 too many failed logins and close")
        Assert.Equal(Closing(ReplyCode.ServiceNotAvailable, "too many failed logins"), third);
        Assert.Equal(LoginState.Closed, session.State);
    }

    [Fact]
    public void Should_count_failures_with_unknown_and_invalid_names_alike()
    {
        // Given failures with an unknown and an invalid name
        LoginSession session = Started();
        session.FailOnce("mallory");
        session.FailOnce("bad name");

        // When a known name fails next
        LoginAction third = session.FailOnce("alice");

        // Then all three counted: the limit must not tell names apart either
        Assert.Equal(Closing(ReplyCode.ServiceNotAvailable, "too many failed logins"), third);
    }

    [Fact]
    public void Should_not_count_PASS_without_USER_as_a_failed_password()
    {
        // Given two real failures
        LoginSession session = Started();
        session.FailOnce();
        session.FailOnce();

        // When the client sends PASS without USER a few times
        session.Send("PASS x");
        session.Send("PASS y");

        // Then it was never verified, so a third real attempt can still succeed
        session.Send("USER alice");
        session.Send("PASS secret");
        Assert.Equal(Reply(ReplyCode.LoggedIn, "welcome alice"), session.CompleteVerification(passwordOk: true));
    }

    [Fact]
    public void Should_close_on_the_first_failure_when_the_limit_is_one()
    {
        // Given a stricter limit
        var session = new LoginSession(Banner, maxFailedPasswords: 1);
        session.Start();

        // When / Then
        Assert.Equal(Closing(ReplyCode.ServiceNotAvailable, "too many failed logins"), session.FailOnce());
        Assert.Equal(3, LoginSession.DefaultMaxFailedPasswords);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Should_reject_a_failure_limit_below_one(int limit)
    {
        // Given / When / Then
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoginSession(Banner, limit));
    }

    [Theory]
    [InlineData("ready\r\n220 forged")]
    [InlineData("ready\n")]
    [InlineData("\r")]
    public void Should_reject_a_banner_that_would_break_the_reply_line(string banner)
    {
        // Given / When / Then: a CR or LF would end the 220 line early and forge more replies
        Assert.Throws<ArgumentException>(() => new LoginSession(banner));
    }
}
