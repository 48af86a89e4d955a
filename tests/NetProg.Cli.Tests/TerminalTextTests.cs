using NetProg.Cli.Rendering;

namespace NetProg.Cli.Tests;

/// <summary>The one way text from the network or another process reaches the terminal.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("Tue Nov 24 19:52:49 2026", "Tue Nov 24 19:52:49 2026")]
    [InlineData("안녕하세요\tworld", "안녕하세요\tworld")]
    [InlineData("\u001b]0;owned\u0007red", "\\x1B]0;owned\\x07red")]
    [InlineData("line\r\nnext\0", "line\\x0D\\x0Anext\\x00")]
    [InlineData("\u009b31m", "\\x9B31m")]
    [InlineData("user\u202Egpj.exe", "user\\u{202E}gpj.exe")]
    [InlineData("\u2066x\u2069", "\\u{2066}x\\u{2069}")]
    public void Should_escape_what_could_steer_the_terminal_and_keep_the_rest_When_text_is_made_printable(string text, string expected)
    {
        // When text from outside is made printable, then controls, ESC sequences and bidi overrides are escaped, the rest kept
        Assert.Equal(expected, TerminalText.Printable(text));
    }
}
