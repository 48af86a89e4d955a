using NetProg.Protocols.Login;
using static NetProg.Protocols.Tests.Login.SessionSteps;

namespace NetProg.Protocols.Tests.Login;

public sealed class LoginSessionCloseTests
{
    public static TheoryData<string> OpenStates => ["started", "expecting password", "verifying", "logged in"];

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void Should_close_with_500_when_a_line_is_too_long(string state)
    {
        // Given a session in any open state
        LoginSession session = In(state);

        // When the line reader reports TooLong
        LoginAction result = session.OnLineTooLong();

        // Then (the issue: "a line longer than 4,096 bytes -> 500 line too long and close")
        Assert.Equal(Closing(ReplyCode.LineTooLong, "line too long"), result);
        Assert.Equal(LoginState.Closed, session.State);
    }

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void Should_close_with_421_after_the_idle_timeout(string state)
    {
        // Given a session in any open state
        LoginSession session = In(state);

        // When the service's idle timer fires
        LoginAction result = session.OnIdleTimeout();

        // Then (the issue: "idle sessions are closed after the idle timeout with 421 idle timeout")
        Assert.Equal(Closing(ReplyCode.ServiceNotAvailable, "idle timeout"), result);
        Assert.Equal(LoginState.Closed, session.State);
    }

    [Fact]
    public void Should_close_with_421_when_the_attempt_is_throttled_instead_of_verified()
    {
        // Given a PASS the service must verify
        LoginSession session = Verifying();

        // When the service's throttle refuses the attempt instead of checking it
        LoginAction result = session.OnThrottled();

        // Then 421 and close, as FTP servers close with 421 (RFC 959 section 4.2)
        Assert.Equal(Closing(ReplyCode.ServiceNotAvailable, "too many attempts, try later"), result);
        Assert.Equal(LoginState.Closed, session.State);
    }

    [Fact]
    public void Should_close_with_421_when_a_connection_is_throttled_before_the_greeting()
    {
        // Given a session not yet greeted
        var session = new LoginSession(Banner);

        // When the service throttles the address at connect, the 421 replaces the 220
        LoginAction result = session.OnThrottled();

        // Then
        Assert.Equal(Closing(ReplyCode.ServiceNotAvailable, "too many attempts, try later"), result);
        Assert.Equal(LoginState.Closed, session.State);
    }

    [Fact]
    public void Should_reject_events_that_cannot_happen_in_the_current_state()
    {
        // Given sessions before the greeting, while verifying and after a close
        var notStarted = new LoginSession(Banner);
        LoginSession verifying = Verifying();
        LoginSession started = Started();
        LoginSession closed = Started();
        closed.Send("QUIT");

        // When / Then: each of these is a bug in the driving service, so it fails loudly
        Assert.Throws<InvalidOperationException>(() => notStarted.Send("USER alice"));
        Assert.Throws<InvalidOperationException>(() => verifying.Send("hello"));
        Assert.Throws<InvalidOperationException>(() => started.Start());
        Assert.Throws<InvalidOperationException>(() => started.CompleteVerification(passwordOk: true));
        Assert.Throws<InvalidOperationException>(() => closed.Send("USER alice"));
        Assert.Throws<InvalidOperationException>(() => closed.OnIdleTimeout());
        Assert.Throws<InvalidOperationException>(() => closed.OnLineTooLong());
        Assert.Throws<InvalidOperationException>(() => closed.OnThrottled());
        Assert.Throws<InvalidOperationException>(() => closed.Start());
        Assert.Throws<InvalidOperationException>(() => closed.OnLoginTimeout());
    }

    [Theory]
    [InlineData("started")]
    [InlineData("expecting password")]
    public void Should_close_with_421_when_the_login_deadline_passes_before_230(string state)
    {
        // Given a session that has not logged in
        LoginSession session = In(state);

        // When the service's login deadline passes, however busy the client kept the line
        LoginAction result = session.OnLoginTimeout();

        // Then 421 and close, as the idle timeout closes
        Assert.Equal(Closing(ReplyCode.ServiceNotAvailable, "login timeout"), result);
        Assert.Equal(LoginState.Closed, session.State);
    }

    [Theory]
    [InlineData("verifying")]
    [InlineData("logged in")]
    public void Should_reject_a_login_deadline_once_the_password_is_in(string state)
    {
        // Given a session past its PASS (the deadline only runs while the service waits for a line before 230)
        LoginSession session = In(state);

        // When / Then: a deadline now is a bug in the driving service
        Assert.Throws<InvalidOperationException>(() => session.OnLoginTimeout());
    }

    [Fact]
    public void Should_close_with_421_after_too_many_commands_before_login()
    {
        // Given a session that allows four lines before 230
        var session = new LoginSession(Banner, maxCommandsBeforeLogin: 4);
        session.Start();

        // When a client sends NOOP after NOOP instead of logging in
        LoginAction[] answers = [.. Enumerable.Range(0, 5).Select(_ => session.Send("NOOP"))];

        // Then the first four are answered as usual, the fifth closes the connection
        Assert.All(answers[..4], a => Assert.Equal(Reply(ReplyCode.NotLoggedIn, "please log in"), a));
        Assert.Equal(Closing(ReplyCode.ServiceNotAvailable, "too many commands before login"), answers[4]);
        Assert.Equal(LoginState.Closed, session.State);
    }

    [Fact]
    public void Should_count_every_line_before_login_but_none_after_it()
    {
        // Given a session that allows four lines before 230, and uses them all: a failed attempt, then a good one
        var session = new LoginSession(Banner, maxCommandsBeforeLogin: 4);
        session.Start();
        session.FailOnce();
        session.Send("USER alice");
        session.Send("PASS secret");
        session.CompleteVerification(passwordOk: true);

        // When the logged-in client sends many lines, commands among them
        LoginAction[] echoed = [.. Enumerable.Range(0, 10).Select(i => session.Send(i % 2 == 0 ? "NOOP" : "hello"))];

        // Then every one is echoed, and QUIT still ends it politely
        Assert.All(echoed, a => Assert.Same(EchoLine.Instance, a));
        Assert.Equal(Closing(ReplyCode.Bye, "bye"), session.Send("QUIT"));
    }

    [Fact]
    public void Should_answer_quit_even_past_the_command_limit()
    {
        // Given a session that has used its lines before login
        var session = new LoginSession(Banner, maxCommandsBeforeLogin: 2);
        session.Start();
        session.Send("NOOP");
        session.Send("NOOP");

        // When the client says QUIT
        LoginAction result = session.Send("QUIT");

        // Then it is a polite goodbye, not the limit's 421
        Assert.Equal(Closing(ReplyCode.Bye, "bye"), result);
    }

    private static LoginSession In(string state) => state switch
    {
        "started" => Started(),
        "expecting password" => ExpectingPassword(),
        "verifying" => Verifying(),
        "logged in" => LoggedIn(),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
