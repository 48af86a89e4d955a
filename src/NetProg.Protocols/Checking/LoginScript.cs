using System.Text.RegularExpressions;

namespace NetProg.Protocols.Checking;

/// <summary>
/// A login transcript for <c>netprog check login-server --script FILE</c>: the lines to send and the replies to expect,
/// with <c>${user}</c> and <c>${password}</c> left as placeholders, so the checks can replay it with the right
/// credentials, a wrong password, an unknown or over-long name. <see cref="LoginScriptParser"/> makes one;
/// <see cref="Bind"/> fills in the values.
/// </summary>
public sealed class LoginScript
{
    public const string UserPlaceholder = "${user}";
    public const string PasswordPlaceholder = "${password}";

    /// <summary>The largest script file accepted: a transcript is a few lines.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The longest line of a script, in characters.</summary>
    public const int MaxLineLength = 4096;

    /// <summary>The most steps (<c>&gt;</c> and <c>&lt;</c> lines) of a script.</summary>
    public const int MaxSteps = 64;

    /// <summary>What is sent after the login, and expected back, when the script has no <c>echo</c> line.</summary>
    public const string DefaultEcho = "netprog check echo";

    /// <summary>
    /// The longest one regex may run on one reply line. The regexes are the user's, the lines come from a server under
    /// test: a pattern that backtracks badly on a hostile line must end as "no match", not hang the check.
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// netprog's own echo with login (docs/PROTOCOL.md), FTP style (RFC 959): a 220 greeting, <c>USER</c>, 331,
    /// <c>PASS</c>, 230. Used when a server greets with 220 and no <c>--script</c> is given.
    /// </summary>
    public const string NetProgUserPass =
        "# netprog echo-server --login: USER/PASS in the style of FTP (RFC 959)\n" +
        "eol crlf\n" +
        "< ^220[ -]\n" +
        "> USER ${user}\n" +
        "< ^331[ -]\n" +
        "> PASS ${password}\n" +
        "< ^230[ -]\n";

    internal const RegexOptions Options = RegexOptions.CultureInvariant;

    internal LoginScript(IReadOnlyList<LoginScriptStep> steps, string lineEnding, string echoText)
    {
        Steps = steps;
        LineEnding = lineEnding;
        EchoText = echoText;
        UserStep = IndexOf(s => s.Kind == LoginScriptStepKind.Send && s.UsesUser, 0);
        PasswordStep = IndexOf(s => s.Kind == LoginScriptStepKind.Send && s.UsesPassword, 0);
        SuccessStep = PasswordStep < 0 ? -1 : IndexOf(s => s.Kind == LoginScriptStepKind.Expect, PasswordStep + 1);
    }

    public IReadOnlyList<LoginScriptStep> Steps { get; }

    /// <summary>What ends every line sent: <c>"\n"</c> (what <c>fgets()</c> leaves, the default) or <c>"\r\n"</c>.</summary>
    public string LineEnding { get; }

    /// <summary>The line sent after the login, which must come back.</summary>
    public string EchoText { get; }

    /// <summary>The index of the first step that sends <c>${user}</c>.</summary>
    public int UserStep { get; }

    /// <summary>The index of the first step that sends <c>${password}</c>.</summary>
    public int PasswordStep { get; }

    /// <summary>
    /// The index of the first <c>&lt;</c> after <see cref="PasswordStep"/>: the reply that says the login worked. With a
    /// wrong password it must not come.
    /// </summary>
    public int SuccessStep { get; }

    /// <summary>A regex of a script as the checks compile it: culture-invariant, with <see cref="MatchTimeout"/>.</summary>
    public static Regex CreateRegex(string pattern) => new(pattern, Options, MatchTimeout);

    /// <summary>
    /// The steps with <paramref name="user"/> and <paramref name="password"/> in place of the placeholders (in a regex
    /// escaped, so a name matches only itself). An error when a placeholder the script uses has no value, or a value
    /// cannot be sent inside one line.
    /// </summary>
    public LoginScriptBinding Bind(string? user, string? password)
    {
        if (Problem(user, s => s.UsesUser, "user") is { } userProblem)
        {
            return new LoginScriptBinding(null, userProblem);
        }

        if (Problem(password, s => s.UsesPassword, "password") is { } passwordProblem)
        {
            return new LoginScriptBinding(null, passwordProblem);
        }

        var steps = new List<BoundLoginStep>(Steps.Count);
        foreach (var step in Steps)
        {
            steps.Add(step.Kind == LoginScriptStepKind.Send
                ? BoundLoginStep.Send(step, Encoding.UTF8.GetBytes(Substitute(step.Text, user, password, v => v) + LineEnding))
                : BoundLoginStep.Expect(step, CreateRegex(Substitute(step.Text, user, password, Regex.Escape))));
        }

        return new LoginScriptBinding(new BoundLoginScript(this, steps, Encoding.UTF8.GetBytes(EchoText + LineEnding)), null);
    }

    /// <summary>
    /// Replaces the placeholders of <paramref name="text"/> in one pass, so a value that itself reads <c>${password}</c>
    /// stays as it is.
    /// </summary>
    internal static string Substitute(string text, string? user, string? password, Func<string, string> quote)
    {
        var result = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            if (string.CompareOrdinal(text, at, UserPlaceholder, 0, UserPlaceholder.Length) == 0)
            {
                result.Append(quote(user ?? string.Empty));
                at += UserPlaceholder.Length;
            }
            else if (string.CompareOrdinal(text, at, PasswordPlaceholder, 0, PasswordPlaceholder.Length) == 0)
            {
                result.Append(quote(password ?? string.Empty));
                at += PasswordPlaceholder.Length;
            }
            else
            {
                result.Append(text[at]);
                at++;
            }
        }

        return result.ToString();
    }

    private LoginScriptError? Problem(string? value, Func<LoginScriptStep, bool> uses, string name)
    {
        var first = Steps.FirstOrDefault(uses);
        if (first is null)
        {
            return null;
        }

        if (value is null)
        {
            return new LoginScriptError(LoginScriptErrorKind.MissingValue, first.Line, name);
        }

        return value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0 ? new LoginScriptError(LoginScriptErrorKind.BadValue, first.Line, name) : null;
    }

    private int IndexOf(Func<LoginScriptStep, bool> predicate, int from)
    {
        for (var i = from; i < Steps.Count; i++)
        {
            if (predicate(Steps[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
