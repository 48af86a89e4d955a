using NetProg.Protocols.Login;

namespace NetProg.Protocols.Tests.Login;

public sealed class UserNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("alice")]
    [InlineData("Alice.Smith_2-b")]
    [InlineData("...")]
    [InlineData("-")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void Should_accept_1_to_32_characters_of_letters_digits_dot_underscore_and_dash(string name)
    {
        // Given a name matching the issue's [A-Za-z0-9._-]{1,32}
        // When / Then: the string and the raw-bytes checks agree
        Assert.True(UserName.IsValid(name));
        Assert.True(UserName.IsValid(Encoding.UTF8.GetBytes(name).AsSpan()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("al ice")]
    [InlineData("al!ce")]
    [InlineData("alice\n")]
    [InlineData("alice\0")]
    [InlineData("élise")]
    [InlineData("ａlice")]
    [InlineData("사용자")]
    [InlineData("a/b")]
    [InlineData("a@b")]
    public void Should_reject_other_names(string name)
    {
        // Given a name outside the syntax: empty, 33 characters, space, punctuation, control, non-ASCII look-alikes
        // When / Then
        Assert.False(UserName.IsValid(name));
        Assert.False(UserName.IsValid(Encoding.UTF8.GetBytes(name).AsSpan()));
    }

    [Fact]
    public void Should_reject_null_and_limit_names_to_32()
    {
        // Given / When / Then
        Assert.False(UserName.IsValid((string?)null));
        Assert.Equal(32, UserName.MaxLength);
    }
}
