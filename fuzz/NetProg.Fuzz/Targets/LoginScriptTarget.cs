using System.Text.RegularExpressions;
using NetProg.Protocols.Checking;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// <see cref="LoginScriptParser.Parse(ReadOnlySpan{byte})"/> and <see cref="LoginScript.Bind"/>, the reading of a
/// user's <c>--script</c> file for <c>netprog check login-server</c>. It must never throw; it gives exactly one of a
/// script and an error, the error on a line of the file; a script's steps keep the file's order, its success reply comes
/// after its password, and once bound every send is exactly one line ending in the script's line end.
/// </summary>
/// <remarks>
/// Input: byte 0 picks the values bound (bits 0-1 the user, bits 2-3 the password: a plain value, none, one holding an
/// LF, one that reads like the other placeholder); the rest is the script file.
/// </remarks>
public sealed class LoginScriptTarget : IFuzzTarget
{
    private static readonly string?[] Values = ["alice", null, "ali\nce", "${password}"];

    /// <inheritdoc />
    public string Name => "login-script";

    /// <inheritdoc />
    public string Description => "LoginScriptParser.Parse and LoginScript.Bind on a --script file, against the format's rules";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        string? user = Values[input[0] & 0x3];
        string? password = Values[(input[0] >> 2) & 0x3];
        ReadOnlySpan<byte> file = input[1..];
        int lines = file.Count((byte)'\n') + 1;

        LoginScriptParse parse = LoginScriptParser.Parse(file);
        FuzzInvariantException.Check((parse.Script is null) != (parse.Error is null), "not exactly one of a script and an error");
        if (parse.Error is { } error)
        {
            FuzzInvariantException.Check(error.Line >= 0 && error.Line <= lines, $"error on line {error.Line} of {lines}");
            FuzzInvariantException.Check(error.Kind != LoginScriptErrorKind.TooLarge || file.Length > LoginScript.MaxBytes, "too large under the limit");
            return;
        }

        LoginScript script = parse.Script!;
        CheckSteps(script, lines);
        LoginScriptBinding binding = script.Bind(user, password);
        FuzzInvariantException.Check((binding.Script is null) != (binding.Error is null), "not exactly one of a bound script and an error");
        if (binding.Error is { } bindError)
        {
            FuzzInvariantException.Check(bindError.Kind is LoginScriptErrorKind.MissingValue or LoginScriptErrorKind.BadValue, $"bind failed with {bindError.Kind}");
            string? value = bindError.Detail == "user" ? user : password;
            FuzzInvariantException.Check(bindError.Kind == LoginScriptErrorKind.MissingValue ? value is null : value is not null && value.Contains('\n', StringComparison.Ordinal), $"{bindError.Kind} for {bindError.Detail} = {value}");
            return;
        }

        CheckBound(binding.Script!, script.LineEnding);
    }

    private static void CheckSteps(LoginScript script, int lines)
    {
        FuzzInvariantException.Check(script.Steps.Count is > 0 and <= LoginScript.MaxSteps, $"{script.Steps.Count} steps");
        int previous = 0;
        foreach (LoginScriptStep step in script.Steps)
        {
            FuzzInvariantException.Check(step.Line > previous && step.Line <= lines, $"a step on line {step.Line} after line {previous} of {lines}");
            FuzzInvariantException.Check(!step.Text.Any(c => char.IsControl(c) && c != '\t'), $"a control character in the step of line {step.Line}");
            previous = step.Line;
        }

        FuzzInvariantException.Check(script.Steps[script.UserStep].UsesUser && script.Steps[script.PasswordStep].UsesPassword, "user or password step sends no placeholder");
        FuzzInvariantException.Check(script.SuccessStep > script.PasswordStep && script.Steps[script.SuccessStep].Kind == LoginScriptStepKind.Expect, "the success reply is not an expect after the password");
        FuzzInvariantException.Check(script.LineEnding is "\n" or "\r\n", "a line end other than LF or CRLF");
    }

    private static void CheckBound(BoundLoginScript bound, string lineEnding)
    {
        foreach (BoundLoginStep step in bound.Steps)
        {
            if (step.Kind == LoginScriptStepKind.Send)
            {
                // One line: the line end once, at the end, and no other LF (what a server reads as a line).
                FuzzInvariantException.Check(EndsWithOnly(step.Bytes, lineEnding), $"the send of line {step.Source.Line} is not one line");
            }
            else
            {
                FuzzInvariantException.Check(step.Regex is not null && step.Regex.MatchTimeout == LoginScript.MatchTimeout, $"the expect of line {step.Source.Line} has no bounded regex");
            }
        }

        FuzzInvariantException.Check(EndsWithOnly(bound.Echo, lineEnding), "the echo is not one line");
        try
        {
            _ = bound.Steps[bound.Script.SuccessStep].Regex!.IsMatch("200 Welcome alice aaaaaaaaaaaaaaaaaaaaaaaa!");
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern that backtracks badly is the user's; the timeout is what bounds it.
        }
    }

    private static bool EndsWithOnly(byte[] bytes, string lineEnding)
    {
        ReadOnlySpan<byte> span = bytes;
        int end = span.Length - lineEnding.Length;
        return end >= 0 && span[end..].SequenceEqual(lineEnding == "\n" ? "\n"u8 : "\r\n"u8) && span[..end].IndexOfAny((byte)'\n', (byte)'\r') < 0;
    }
}
