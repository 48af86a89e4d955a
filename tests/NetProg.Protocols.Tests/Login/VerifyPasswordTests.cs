using NetProg.Protocols.Login;
using static NetProg.Protocols.Tests.Login.SessionSteps;

namespace NetProg.Protocols.Tests.Login;

public sealed class VerifyPasswordTests
{
    [Fact]
    public void Should_not_show_the_password_in_ToString()
    {
        // Given the action a PASS line produces
        LoginSession session = ExpectingPassword("alice");
        LoginAction action = session.Send("PASS hunter2 correct horse");

        // When it is printed, as a debug log line would print it
        string text = action.ToString();

        // Then the name is there but the password is not (records print every property by default)
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("horse", text, StringComparison.Ordinal);
        Assert.Equal("VerifyPassword { UserName = alice, Password = *** }", text);
    }

    [Fact]
    public void Should_mark_an_invalid_name_when_printed()
    {
        // Given / When
        string text = new VerifyPassword(null, "s3cret").ToString();

        // Then
        Assert.Equal("VerifyPassword { UserName = (invalid), Password = *** }", text);
    }

    [Fact]
    public void Should_still_carry_the_password_for_the_check()
    {
        // Given / When
        var action = new VerifyPassword("alice", "s3cret");

        // Then hiding is for printing only
        Assert.Equal("s3cret", action.Password);
    }
}
