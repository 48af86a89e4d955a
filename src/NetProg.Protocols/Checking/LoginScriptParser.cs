using System.Text.RegularExpressions;

namespace NetProg.Protocols.Checking;

/// <summary>
/// Reads a login transcript, one step per line (docs/CHECK.md, "login-server"):
/// <code>
/// # a comment; blank lines are skipped too
/// &lt; regex        wait for a reply line that matches (.NET regex; lines before it that do not match are passed over)
/// &gt; text         send the text and the line end
/// echo text      after the login, send this line and expect it back (default: netprog check echo)
/// eol lf|crlf    the line end of what is sent (default lf, what fgets() leaves)
/// </code>
/// <c>${user}</c> and <c>${password}</c> stand for the values of <c>--user</c> and <c>--password-stdin</c>. The first
/// <c>&lt;</c> after the line that sends <c>${password}</c> is the success reply. Pure: text in, a script or the first
/// error (its kind and line) out.
/// </summary>
public static class LoginScriptParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses the bytes of a script file (UTF-8, an optional BOM, LF or CRLF line ends).</summary>
    public static LoginScriptParse Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length > LoginScript.MaxBytes)
        {
            return LoginScriptParse.Failed(LoginScriptErrorKind.TooLarge, 0);
        }

        if (file.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            file = file[3..];
        }

        var lines = new List<string>();
        var number = 0;
        while (!file.IsEmpty || number == 0)
        {
            number++;
            var end = file.IndexOf((byte)'\n');
            var raw = end < 0 ? file : file[..end];
            file = end < 0 ? [] : file[(end + 1)..];
            if (!raw.IsEmpty && raw[^1] == (byte)'\r')
            {
                raw = raw[..^1];
            }

            try
            {
                lines.Add(StrictUtf8.GetString(raw));
            }
            catch (DecoderFallbackException)
            {
                return LoginScriptParse.Failed(LoginScriptErrorKind.NotUtf8, number);
            }
        }

        return ParseLines(lines);
    }

    /// <summary>Parses a script already read as text.</summary>
    public static LoginScriptParse Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    private static LoginScriptParse ParseLines(List<string> lines)
    {
        var steps = new List<LoginScriptStep>();
        var lineEnding = "\n";
        var echo = LoginScript.DefaultEcho;
        for (var i = 0; i < lines.Count; i++)
        {
            var number = i + 1;
            var line = lines[i];
            if (line.Length > LoginScript.MaxLineLength)
            {
                return LoginScriptParse.Failed(LoginScriptErrorKind.LineTooLong, number);
            }

            if (line.Any(c => char.IsControl(c) && c != '\t'))
            {
                return LoginScriptParse.Failed(LoginScriptErrorKind.ControlCharacter, number);
            }

            var text = line.TrimStart(' ', '\t');
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            if (text[0] is '>' or '<')
            {
                var kind = text[0] == '>' ? LoginScriptStepKind.Send : LoginScriptStepKind.Expect;
                // One space after the mark separates it; anything further is part of the text (a line may start with spaces).
                var argument = text.Length > 1 && text[1] == ' ' ? text[2..] : text[1..];
                if (Check(kind, argument, number) is { } error)
                {
                    return new LoginScriptParse(null, error);
                }

                if (steps.Count == LoginScript.MaxSteps)
                {
                    return LoginScriptParse.Failed(LoginScriptErrorKind.TooManySteps, number);
                }

                steps.Add(new LoginScriptStep(kind, argument, number));
                continue;
            }

            var space = text.IndexOfAny([' ', '\t']);
            var word = space < 0 ? text : text[..space];
            var rest = space < 0 ? string.Empty : text[(space + 1)..];
            switch (word)
            {
                case "echo" when rest.Length == 0:
                case "eol" when rest.Trim().Length == 0:
                    return LoginScriptParse.Failed(LoginScriptErrorKind.MissingArgument, number, word);
                case "echo":
                    echo = rest;
                    break;
                case "eol":
                    var value = rest.Trim().ToLowerInvariant();
                    if (value is not ("lf" or "crlf"))
                    {
                        return LoginScriptParse.Failed(LoginScriptErrorKind.BadLineEnding, number, rest.Trim());
                    }

                    lineEnding = value == "lf" ? "\n" : "\r\n";
                    break;
                default:
                    return LoginScriptParse.Failed(LoginScriptErrorKind.UnknownDirective, number, word);
            }
        }

        return Complete(new LoginScript(steps, lineEnding, echo));
    }

    private static LoginScriptParse Complete(LoginScript script)
    {
        if (script.Steps.Count == 0)
        {
            return LoginScriptParse.Failed(LoginScriptErrorKind.Empty, 0);
        }

        if (script.UserStep < 0)
        {
            return LoginScriptParse.Failed(LoginScriptErrorKind.NoUser, 0, LoginScript.UserPlaceholder);
        }

        if (script.PasswordStep < 0)
        {
            return LoginScriptParse.Failed(LoginScriptErrorKind.NoPassword, 0, LoginScript.PasswordPlaceholder);
        }

        return script.SuccessStep < 0
            ? LoginScriptParse.Failed(LoginScriptErrorKind.NoSuccessReply, script.Steps[script.PasswordStep].Line)
            : LoginScriptParse.Of(script);
    }

    /// <summary>The placeholders of a step, and for an expect its regex (checked with the placeholders as plain letters).</summary>
    private static LoginScriptError? Check(LoginScriptStepKind kind, string text, int line)
    {
        var at = 0;
        while ((at = text.IndexOf("${", at, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf('}', at);
            var placeholder = close < 0 ? text[at..] : text[at..(close + 1)];
            if (placeholder is not (LoginScript.UserPlaceholder or LoginScript.PasswordPlaceholder))
            {
                return new LoginScriptError(LoginScriptErrorKind.UnknownPlaceholder, line, placeholder.Length > 40 ? placeholder[..40] : placeholder);
            }

            at = close + 1;
        }

        if (kind == LoginScriptStepKind.Expect)
        {
            try
            {
                _ = LoginScript.CreateRegex(LoginScript.Substitute(text, "user", "password", v => v));
            }
            catch (RegexParseException e)
            {
                return new LoginScriptError(LoginScriptErrorKind.BadRegex, line, e.Error.ToString(), e.Offset);
            }
        }

        return null;
    }
}
