using NetProg.Accounts.Internal;

namespace NetProg.Accounts.Tests.Passwords;

/// <summary>The new-password rule (NIST SP 800-63B §5.1.1.2): at least 8 characters, not the name, not a common password.</summary>
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("alice", "a", PasswordProblem.TooShort)]
    [InlineData("alice", "secret", PasswordProblem.TooShort)]
    [InlineData("alice", "seven77", PasswordProblem.TooShort)]
    [InlineData("alice", "비밀번호입니다", PasswordProblem.TooShort)]
    [InlineData("alice", "😀😀😀😀", PasswordProblem.TooShort)]
    [InlineData("alexander", "alexander", PasswordProblem.ContainsName)]
    [InlineData("alexander", "ALEXANDER", PasswordProblem.ContainsName)]
    [InlineData("alice", "my-Alice-pass", PasswordProblem.ContainsName)]
    [InlineData("alice", "alice1234", PasswordProblem.ContainsName)]
    [InlineData("alice", "password", PasswordProblem.Common)]
    [InlineData("alice", "PASSWORD", PasswordProblem.Common)]
    [InlineData("alice", "12345678", PasswordProblem.Common)]
    [InlineData("alice", "qwerty123", PasswordProblem.Common)]
    [InlineData("alice", "iloveyou", PasswordProblem.Common)]
    [InlineData("alice", "11111111", PasswordProblem.Common)]
    [InlineData("alice", "1q2w3e4r", PasswordProblem.Common)]
    [InlineData("alice", "correct-horse-7", PasswordProblem.None)]
    [InlineData("alice", "correct horse", PasswordProblem.None)]
    [InlineData("alice", "비밀번호는길어요", PasswordProblem.None)]
    [InlineData("jo", "jo-jo-jo-jo", PasswordProblem.None)]
    [InlineData("jo", "JO", PasswordProblem.TooShort)]
    public void Should_refuse_short_named_and_common_passwords_and_accept_the_rest(string name, string password, PasswordProblem expected)
    {
        Assert.Equal(expected, PasswordPolicy.Check(name, password));
    }

    [Fact]
    public void Should_refuse_a_two_letter_name_as_the_whole_password_of_8()
    {
        // Given a name too short to search for inside a password, but typed as the whole of an 8-character one's worth
        Assert.Equal(PasswordProblem.ContainsName, PasswordPolicy.Check("abcdefgh", "ABCDEFGH"));
        Assert.Equal(PasswordProblem.None, PasswordPolicy.Check("ab", "ab-cd-ef-gh"));
    }

    [Fact]
    public void Should_count_code_points_not_UTF16_units()
    {
        Assert.Equal(4, PasswordPolicy.Length("😀😀😀😀"));
        Assert.Equal(8, PasswordPolicy.Length("비밀번호는길어요"));
    }

    [Fact]
    public void Should_keep_a_list_of_a_couple_of_hundred_long_enough_entries()
    {
        Assert.InRange(CommonPasswords.Count, 100, 250);
    }
}
