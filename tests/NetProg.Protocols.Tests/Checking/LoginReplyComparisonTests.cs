using NetProg.Protocols.Checking;

namespace NetProg.Protocols.Tests.Checking;

public sealed class LoginReplyComparisonTests
{
    [Fact]
    public void Should_find_no_difference_When_two_replies_differ_only_in_the_user_name()
    {
        // Given the replies to alice and to nosuchuser, each naming its user
        byte[] known = "PW: 401 login incorrect for alice\n"u8.ToArray();
        byte[] unknown = "PW: 401 login incorrect for nosuchuser\n"u8.ToArray();

        // When both are masked with both names
        string[] names = ["alice", "nosuchuser"];
        byte[] a = LoginReplyComparison.Masked(known, names);
        byte[] b = LoginReplyComparison.Masked(unknown, names);

        // Then they are the same bytes
        Assert.Equal("PW: 401 login incorrect for ${user}\n", Encoding.UTF8.GetString(a));
        Assert.Null(LoginReplyComparison.FirstDifference(a, b));
    }

    [Fact]
    public void Should_mask_a_short_name_in_both_replies_alike_When_it_is_a_letter_the_replies_hold()
    {
        // Given the user "a", which "Invalid password" holds, and a longer unknown name
        string[] names = ["a", "nosuchuser"];

        // When the same refusal is masked for both
        byte[] a = LoginReplyComparison.Masked("401 Invalid password\n"u8, names);
        byte[] b = LoginReplyComparison.Masked("401 Invalid password\n"u8, names);

        // Then the masking is the same on both sides, so no difference is invented
        Assert.Null(LoginReplyComparison.FirstDifference(a, b));
    }

    [Fact]
    public void Should_give_the_first_differing_line_of_each_When_the_codes_differ()
    {
        // Given the classic 402 / 401 answers after the same PW: prompt
        // When they are compared
        (byte[] First, byte[] Second)? difference = LoginReplyComparison.FirstDifference("PW: 402 Invalid Password\n"u8, "PW: 401 Invalid ID\n"u8);

        // Then the differing line is given from each
        Assert.Equal("PW: 402 Invalid Password\n", Encoding.UTF8.GetString(difference!.Value.First));
        Assert.Equal("PW: 401 Invalid ID\n", Encoding.UTF8.GetString(difference.Value.Second));
    }

    [Fact]
    public void Should_give_an_empty_line_for_the_reply_that_ended_When_one_has_more_lines()
    {
        // Given one reply that refused at once and one that asked for the password first
        // When they are compared
        (byte[] First, byte[] Second)? difference = LoginReplyComparison.FirstDifference("Welcome\nPW: \n"u8, "Welcome\n"u8);

        // Then the first line is the same, and the second is missing from the shorter one
        Assert.Equal("PW: \n"u8.ToArray(), difference!.Value.First);
        Assert.Empty(difference.Value.Second);
    }

    [Fact]
    public void Should_find_a_difference_of_one_byte_When_only_a_cr_differs()
    {
        // Given two refusals, one with CRLF and one with LF
        // When they are compared
        // Then they differ: byte for byte is byte for byte
        Assert.NotNull(LoginReplyComparison.FirstDifference("530 no\r\n"u8, "530 no\n"u8));
    }
}
