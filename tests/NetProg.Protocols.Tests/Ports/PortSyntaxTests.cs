using NetProg.Protocols.Forwarding;
using NetProg.Protocols.Ports;

namespace NetProg.Protocols.Tests.Ports;

/// <summary>
/// Ports as people type them: the same numbers the commands took before with <c>int.TryParse(NumberStyles.None)</c> and a
/// 1-65535 (or 0-65535) check, now with the reason for a refusal as a kind.
/// </summary>
public sealed class PortSyntaxTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("30000", 30000)]
    [InlineData("65535", 65535)]
    [InlineData("080", 80)]
    [InlineData("0000000000000000000000000000030000", 30000)]
    public void Should_read_a_port_of_ascii_digits_leading_zeros_included(string text, int expected)
    {
        Assert.True(PortSyntax.TryParsePort(text, allowZero: false, out var port, out var error));
        Assert.Equal((expected, PortSyntaxError.None), (port, error));
    }

    [Theory]
    [InlineData("", PortSyntaxError.Empty)]
    [InlineData("65536", PortSyntaxError.TooLarge)]
    [InlineData("99999999999999999999", PortSyntaxError.TooLarge)]
    [InlineData("+80", PortSyntaxError.NotANumber)]
    [InlineData("-1", PortSyntaxError.NotANumber)]
    [InlineData(" 80", PortSyntaxError.NotANumber)]
    [InlineData("80 ", PortSyntaxError.NotANumber)]
    [InlineData("8 0", PortSyntaxError.NotANumber)]
    [InlineData("3e4", PortSyntaxError.NotANumber)]
    [InlineData("0x50", PortSyntaxError.NotANumber)]
    [InlineData("30,000", PortSyntaxError.NotANumber)]
    [InlineData("30000-40000", PortSyntaxError.NotANumber)]
    [InlineData("99999x", PortSyntaxError.NotANumber)]
    [InlineData("\u0663\u0660\u0660\u0660\u0660", PortSyntaxError.NotANumber)] // Arabic-Indic digits: char.IsDigit, not a port
    [InlineData("\uFF13\uFF10\uFF10\uFF10\uFF10", PortSyntaxError.NotANumber)] // fullwidth digits, as a Korean IME may type them
    [InlineData("80\0", PortSyntaxError.NotANumber)] // int.TryParse took this as 80
    [InlineData("0", PortSyntaxError.Zero)]
    [InlineData("000", PortSyntaxError.Zero)]
    public void Should_refuse_what_is_not_a_port_and_say_which_way(string text, PortSyntaxError expected)
    {
        Assert.False(PortSyntax.TryParsePort(text, allowZero: false, out var port, out var error));
        Assert.Equal((0, expected), (port, error));
    }

    [Fact]
    public void Should_take_port_0_only_where_any_free_port_is_allowed()
    {
        Assert.True(PortSyntax.TryParsePort("0", allowZero: true, out var port, out _));
        Assert.Equal(0, port);
        Assert.False(PortSyntax.TryParsePort("0", allowZero: false, out _, out var error));
        Assert.Equal(PortSyntaxError.Zero, error);
    }

    [Fact]
    public void Should_agree_with_the_int_parse_the_commands_used_for_every_char_after_a_digit()
    {
        // Given every UTF-16 code unit, alone and after "3000" (what the commands parsed with NumberStyles.None before)
        for (var c = 0; c <= char.MaxValue; c++)
        {
            foreach (var text in new[] { ((char)c).ToString(), "3000" + (char)c, (char)c + "3000" })
            {
                // When both read it (int.TryParse ignores trailing NULs, which no argv can hold; they are refused now)
                var old = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 65535
                    && !text.EndsWith('\0');
                var now = PortSyntax.TryParsePort(text, allowZero: true, out var port, out _);

                // Then they agree
                Assert.True(old == now, $"U+{c:X4} in '{text}': int.TryParse {old}, PortSyntax {now}");
                Assert.Equal(old ? value : 0, port);
            }
        }
    }

    [Fact]
    public void Should_agree_with_the_int_parse_on_every_number_around_the_limits()
    {
        for (var n = 0; n <= 70_000; n++)
        {
            var text = n.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(n is >= 1 and <= 65535, PortSyntax.TryParsePort(text, allowZero: false, out var port, out var error));
            Assert.Equal(n is >= 1 and <= 65535 ? n : 0, port);
            Assert.Equal(n switch { 0 => PortSyntaxError.Zero, > 65535 => PortSyntaxError.TooLarge, _ => PortSyntaxError.None }, error);
        }
    }

    [Theory]
    [InlineData("30000", 30000, 30000, false)]
    [InlineData("30000-40000", 30000, 40000, false)]
    [InlineData("1-65535", 1, 65535, false)]
    [InlineData("80-80", 80, 80, false)]
    [InlineData("030000-040000", 30000, 40000, false)]
    [InlineData("5-0", 0, 5, true)]
    [InlineData("040000-030000", 30000, 40000, true)]
    public void Should_read_a_range_with_both_ends_included_and_the_range_meant_when_reversed(string text, int first, int last, bool reversed)
    {
        Assert.Equal(!reversed, PortSyntax.TryParseRange(text, allowZero: false, out var range, out var error));
        Assert.Equal(reversed ? PortSyntaxError.Reversed : PortSyntaxError.None, error);
        Assert.Equal(new PortRange(first, last), range);
    }

    [Theory]
    [InlineData("", false, PortSyntaxError.Empty)]
    [InlineData("0", false, PortSyntaxError.Zero)]
    [InlineData("65536", false, PortSyntaxError.TooLarge)]
    [InlineData("+30000", false, PortSyntaxError.NotANumber)]
    [InlineData("-1", false, PortSyntaxError.BadRange)]
    [InlineData("-", false, PortSyntaxError.BadRange)]
    [InlineData("30000-", false, PortSyntaxError.BadRange)]
    [InlineData("0-10", true, PortSyntaxError.BadRange)]
    [InlineData("1-65536", false, PortSyntaxError.BadRange)]
    [InlineData("1--2", false, PortSyntaxError.BadRange)]
    [InlineData("1-2-3", false, PortSyntaxError.BadRange)]
    [InlineData("1 - 2", false, PortSyntaxError.BadRange)]
    [InlineData("1-+2", false, PortSyntaxError.BadRange)]
    [InlineData("40000-30000", false, PortSyntaxError.Reversed)]
    public void Should_refuse_what_is_not_a_range_and_say_which_way(string text, bool allowZero, PortSyntaxError expected)
    {
        Assert.False(PortSyntax.TryParseRange(text, allowZero, out var range, out var error));
        Assert.Equal(expected, error);
        if (expected != PortSyntaxError.Reversed)
        {
            Assert.Equal(default, range);
        }
    }

    [Theory]
    [InlineData("80", "80")]
    [InlineData("80,443", "80,443")]
    [InlineData("80,443,30000-30010", "80,443,30000-30010")]
    [InlineData("443,80,80", "443,80,80")]
    [InlineData("1-65535,22", "1-65535,22")]
    [InlineData("080,30000-30000", "80,30000")]
    public void Should_read_a_list_in_the_order_written(string text, string expected)
    {
        Assert.True(PortSyntax.TryParseList(text, out var list, out var error, out _));
        Assert.Equal(PortSyntaxError.None, error);
        Assert.Equal(expected, list.ToString());
    }

    [Theory]
    [InlineData("", PortSyntaxError.Empty, "")]
    [InlineData(",", PortSyntaxError.EmptyItem, "")]
    [InlineData("80,", PortSyntaxError.EmptyItem, "")]
    [InlineData(",80", PortSyntaxError.EmptyItem, "")]
    [InlineData("80,,443", PortSyntaxError.EmptyItem, "")]
    [InlineData("80, 443", PortSyntaxError.NotANumber, " 443")]
    [InlineData("80,0", PortSyntaxError.Zero, "0")]
    [InlineData("80,65536", PortSyntaxError.TooLarge, "65536")]
    [InlineData("80,2-1,443", PortSyntaxError.Reversed, "2-1")]
    [InlineData("80;443", PortSyntaxError.NotANumber, "80;443")]
    public void Should_refuse_a_list_and_point_at_the_item_at_fault(string text, PortSyntaxError expected, string item)
    {
        Assert.False(PortSyntax.TryParseList(text, out var list, out var error, out var where));
        Assert.Equal(expected, error);
        Assert.Equal(item, text[where]);
        Assert.Empty(list.Ranges);
    }

    [Fact]
    public void Should_take_a_list_of_the_most_items_and_refuse_one_more()
    {
        var most = string.Join(',', Enumerable.Range(1, PortList.MaxItems));
        Assert.True(PortSyntax.TryParseList(most, out var list, out _, out _));
        Assert.Equal(PortList.MaxItems, list.Ranges.Count);
        Assert.True(list.Contains(PortList.MaxItems));
        Assert.False(list.Contains(PortList.MaxItems + 1));

        Assert.False(PortSyntax.TryParseList(most + ",65535", out _, out var error, out var where));
        Assert.Equal((PortSyntaxError.TooManyItems, Range.All), (error, where));
    }

    [Fact]
    public void Should_stop_reading_a_huge_list_at_the_limit()
    {
        // Given a megabyte of "1," (half a million items), the last item broken
        var huge = string.Concat(Enumerable.Repeat("1,", 500_000)) + "x";

        // When it is read, Then it is refused for its length, not for the item past the limit
        Assert.False(PortSyntax.TryParseList(huge, out _, out var error, out _));
        Assert.Equal(PortSyntaxError.TooManyItems, error);
    }
}
