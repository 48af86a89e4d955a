namespace NetProg.Accounts.Tests;

/// <summary>The user-name rule of the issue: 1–32 characters of [A-Za-z0-9._-].</summary>
public sealed class AccountNamesTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("Alice.Smith_2-b", true)]
    [InlineData("abcdefghijabcdefghijabcdefghijab", true)]
    [InlineData("abcdefghijabcdefghijabcdefghijabc", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a b", false)]
    [InlineData("\u0430lice", false)]
    [InlineData("root@host", false)]
    public void Should_accept_exactly_the_documented_names(string? name, bool valid)
    {
        Assert.Equal(valid, AccountNames.IsValid(name));
    }

    [Fact]
    public void Should_quote_a_hostile_name_on_one_short_line()
    {
        // Given a name typed by a client to break the log line
        var name = "evil\r\n530 login ok\u001b[2J" + new string('x', 100);

        // When
        var error = Assert.Throws<AccountException>(() => AccountNames.Validate(name));

        // Then
        Assert.Equal(AccountErrorKind.InvalidName, error.Kind);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.StartsWith(@"invalid user name 'evil\u000d\u000a530 login ok\u001b[2Jxxx", error.Message, StringComparison.Ordinal);
        Assert.Contains("... (122 characters)", error.Message, StringComparison.Ordinal);
    }
}
