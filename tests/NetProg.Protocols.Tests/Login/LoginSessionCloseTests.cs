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
