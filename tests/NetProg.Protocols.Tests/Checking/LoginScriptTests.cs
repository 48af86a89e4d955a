using NetProg.Protocols.Checking;

namespace NetProg.Protocols.Tests.Checking;

public sealed class LoginScriptTests
{
    private const string Course =
        "# the course's login: a banner, ID: and PW: prompts\n" +
        "< ^Welcome\n" +
        "< ID:\n" +
        "> ${user}\n" +
        "< PW:\n" +
        "> ${password}\n" +
        "< ^200\n";

    [Fact]
    public void Should_read_each_step_with_its_line_and_find_the_success_reply_When_a_course_style_script_is_parsed()
    {
        // Given a script with a comment, expects and sends
        // When it is parsed
        LoginScript script = Parsed(Course);

        // Then the steps are in order with their lines, and the first < after the password is the success reply
        Assert.Equal(
            [(LoginScriptStepKind.Expect, "^Welcome", 2), (LoginScriptStepKind.Expect, "ID:", 3), (LoginScriptStepKind.Send, "${user}", 4),
             (LoginScriptStepKind.Expect, "PW:", 5), (LoginScriptStepKind.Send, "${password}", 6), (LoginScriptStepKind.Expect, "^200", 7)],
            script.Steps.Select(s => (s.Kind, s.Text, s.Line)));
        Assert.Equal((2, 4, 5), (script.UserStep, script.PasswordStep, script.SuccessStep));
        Assert.Equal("\n", script.LineEnding);
        Assert.Equal(LoginScript.DefaultEcho, script.EchoText);
    }

    [Fact]
    public void Should_give_the_same_script_When_the_file_has_crlf_line_ends_and_a_bom()
    {
        // Given the same script saved by Notepad: a UTF-8 BOM and CRLF
        byte[] windows = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Course.Replace("\n", "\r\n", StringComparison.Ordinal))];

        // When both are parsed
        LoginScript plain = Parsed(Course);
        LoginScript notepad = Parsed(windows);

        // Then the steps are the same, without a CR in any of them
        Assert.Equal(plain.Steps, notepad.Steps);
    }

    [Fact]
    public void Should_send_crlf_and_expect_220_331_230_When_netprog_s_own_transcript_is_parsed()
    {
        // Given netprog's USER/PASS transcript
        // When it is parsed and bound
        BoundLoginScript bound = Bound(Parsed(LoginScript.NetProgUserPass), "alice", "s3cret pass");

        // Then it sends USER and PASS with CRLF and takes 230 as the success reply
        Assert.Equal("USER alice\r\n", Encoding.UTF8.GetString(bound.Steps[1].Bytes));
        Assert.Equal("PASS s3cret pass\r\n", Encoding.UTF8.GetString(bound.Steps[3].Bytes));
        Assert.Matches(bound.Steps[bound.Script.SuccessStep].Regex!, "230 welcome alice");
        Assert.DoesNotMatch(bound.Steps[bound.Script.SuccessStep].Regex!, "530 login incorrect");
    }

    [Fact]
    public void Should_escape_the_user_in_a_regex_and_substitute_in_one_pass_When_a_script_is_bound()
    {
        // Given a script that expects the name back, and a password that reads like the other placeholder
        LoginScript script = Parsed("> USER ${user}\n> PASS ${password}\n< ^200 welcome ${user}$\n");

        // When it is bound with a name holding a regex metacharacter
        BoundLoginScript bound = Bound(script, "a.b", "${user}");

        // Then the name matches only itself, and the password is sent as written
        Assert.Matches(bound.Steps[2].Regex!, "200 welcome a.b");
        Assert.DoesNotMatch(bound.Steps[2].Regex!, "200 welcome axb");
        Assert.Equal("PASS ${user}\n"u8.ToArray(), bound.Steps[1].Bytes);
        Assert.Equal(LoginScript.MatchTimeout, bound.Steps[2].Regex!.MatchTimeout);
    }

    [Fact]
    public void Should_keep_the_text_after_one_space_and_read_echo_and_eol_When_those_lines_are_given()
    {
        // Given a send without a space after the mark, one with two spaces, an echo text and CRLF
        LoginScript script = Parsed(">${user}\n>  ${password}\n< ok\necho hello there\neol CRLF\n");

        // When it is bound
        BoundLoginScript bound = Bound(script, "al", "pw");

        // Then only the first space was the separator, and the echo line ends as the sends do
        Assert.Equal("al\r\n"u8.ToArray(), bound.Steps[0].Bytes);
        Assert.Equal(" pw\r\n"u8.ToArray(), bound.Steps[1].Bytes);
        Assert.Equal("hello there\r\n"u8.ToArray(), bound.Echo);
    }

    [Theory]
    [InlineData("< x\nsend hello\n> ${user}\n", LoginScriptErrorKind.UnknownDirective, 2, "send")]
    [InlineData("< x\n\n< (unclosed\n", LoginScriptErrorKind.BadRegex, 3, "InsufficientClosingParentheses")]
    [InlineData("> ${user}\n> ${pass}\n", LoginScriptErrorKind.UnknownPlaceholder, 2, "${pass}")]
    [InlineData("> ${user\n", LoginScriptErrorKind.UnknownPlaceholder, 1, "${user")]
    [InlineData("eol cr\n", LoginScriptErrorKind.BadLineEnding, 1, "cr")]
    [InlineData("# only\necho\n", LoginScriptErrorKind.MissingArgument, 2, "echo")]
    [InlineData("> ${user}\n< PW:\n> ${password}\n", LoginScriptErrorKind.NoSuccessReply, 3, "")]
    [InlineData("> hello\n< x\n", LoginScriptErrorKind.NoUser, 0, "${user}")]
    [InlineData("> ${user}\n< x\n", LoginScriptErrorKind.NoPassword, 0, "${password}")]
    [InlineData("# nothing but a comment\n\n", LoginScriptErrorKind.Empty, 0, "")]
    [InlineData("", LoginScriptErrorKind.Empty, 0, "")]
    [InlineData("> ${user}\n> a\rb\n", LoginScriptErrorKind.ControlCharacter, 2, "")]
    [InlineData("< x\n> \u001b[2J\n", LoginScriptErrorKind.ControlCharacter, 2, "")]
    public void Should_name_the_error_and_its_line_When_a_script_is_wrong(string text, LoginScriptErrorKind kind, int line, string detail)
    {
        // Given a script with one mistake
        // When it is parsed
        LoginScriptParse parse = LoginScriptParser.Parse(text);

        // Then there is no script, and the error says what and where
        Assert.Null(parse.Script);
        Assert.Equal((kind, line, detail), (parse.Error!.Kind, parse.Error.Line, parse.Error.Detail));
    }

    [Fact]
    public void Should_say_where_the_regex_parser_stopped_When_a_regex_is_bad()
    {
        // Given a pattern with an unterminated class
        // When it is parsed
        LoginScriptError error = LoginScriptParser.Parse("< ok [abc\n").Error!;

        // Then the position in the pattern is given
        Assert.Equal(LoginScriptErrorKind.BadRegex, error.Kind);
        Assert.True(error.Position > 0, error.ToString());
    }

    [Fact]
    public void Should_refuse_bytes_that_are_not_utf8_on_their_line_When_the_file_is_read()
    {
        // Given a script whose second line holds a lone 0xFF byte
        byte[] file = [.. "< x\n> "u8, 0xFF, .. "\n"u8];

        // When it is parsed
        LoginScriptError error = LoginScriptParser.Parse(file).Error!;

        // Then line 2 is named
        Assert.Equal((LoginScriptErrorKind.NotUtf8, 2), (error.Kind, error.Line));
    }

    [Fact]
    public void Should_refuse_a_file_over_64_kib_and_a_script_of_more_than_64_steps()
    {
        // Given a file one byte too large, and one of 65 expects
        byte[] large = new byte[LoginScript.MaxBytes + 1];
        large.AsSpan().Fill((byte)'#');
        string many = string.Concat(Enumerable.Repeat("< x\n", LoginScript.MaxSteps + 1));

        // When they are parsed
        // Then both are refused, the second on its 65th line
        Assert.Equal(LoginScriptErrorKind.TooLarge, LoginScriptParser.Parse(large).Error!.Kind);
        Assert.Equal((LoginScriptErrorKind.TooManySteps, 65), (LoginScriptParser.Parse(many).Error!.Kind, LoginScriptParser.Parse(many).Error!.Line));
    }

    [Fact]
    public void Should_refuse_a_line_longer_than_4096_characters()
    {
        // Given a send of 4,097 characters after the mark and its space
        string text = "> " + new string('x', LoginScript.MaxLineLength - 1) + "\n";

        // When it is parsed
        // Then the line is named
        Assert.Equal((LoginScriptErrorKind.LineTooLong, 1), (LoginScriptParser.Parse(text).Error!.Kind, LoginScriptParser.Parse(text).Error!.Line));
    }

    [Fact]
    public void Should_name_the_first_use_When_a_placeholder_has_no_value_or_a_value_holds_a_line_end()
    {
        // Given the course script
        LoginScript script = Parsed(Course);

        // When it is bound without a password, and with a user holding an LF
        LoginScriptError missing = script.Bind("alice", null).Error!;
        LoginScriptError bad = script.Bind("ali\nce", "pw").Error!;

        // Then each names the placeholder and the line it is first sent on
        Assert.Equal((LoginScriptErrorKind.MissingValue, 6, "password"), (missing.Kind, missing.Line, missing.Detail));
        Assert.Equal((LoginScriptErrorKind.BadValue, 4, "user"), (bad.Kind, bad.Line, bad.Detail));
        Assert.Null(script.Bind("alice", null).Script);
    }

    private static LoginScript Parsed(string text) => Parsed(Encoding.UTF8.GetBytes(text));

    private static LoginScript Parsed(byte[] file)
    {
        LoginScriptParse parse = LoginScriptParser.Parse(file);
        Assert.True(parse.Script is not null, parse.Error?.ToString());
        return parse.Script!;
    }

    private static BoundLoginScript Bound(LoginScript script, string user, string password)
    {
        LoginScriptBinding binding = script.Bind(user, password);
        Assert.True(binding.Script is not null, binding.Error?.ToString());
        return binding.Script!;
    }
}
