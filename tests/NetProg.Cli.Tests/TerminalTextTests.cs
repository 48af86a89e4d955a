using NetProg.Cli.Rendering;
using NetProg.Protocols.Text;

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
        Assert.Equal(expected, PrintableText.Printable(text));
    }

    [Fact]
    public void Should_show_a_process_name_with_escape_codes_escaped_When_the_socket_table_is_rendered()
    {
        // Given a listening socket whose process renamed itself to a terminal escape sequence (prctl PR_SET_NAME allows it)
        var entry = new NetProg.Diagnostics.Sockets.SocketEntry(
            NetProg.Diagnostics.PortProtocol.Tcp, new System.Net.IPEndPoint(System.Net.IPAddress.Any, 30000), null, "LISTEN", 4242, "\u001b[2Jevil", false);

        // When its row is rendered, then the name is shown escaped, not run by the terminal
        Assert.Equal("\\x1B[2Jevil", SocketTableView.Cells(entry)[5]);
    }
}
