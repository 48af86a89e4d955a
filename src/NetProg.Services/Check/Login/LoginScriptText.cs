using NetProg.Protocols.Checking;

namespace NetProg.Services.Check.Login;

/// <summary>A transcript error in the user's language, one line: <c>login.script, line 3: unknown directive 'send' (...)</c>.</summary>
internal static class LoginScriptText
{
    public static string Describe(LoginScriptError error, string source)
    {
        var what = error.Kind switch
        {
            LoginScriptErrorKind.TooLarge => Format(LoginCheckText.ScriptError_TooLarge, $"{LoginScript.MaxBytes / 1024} KiB"),
            LoginScriptErrorKind.NotUtf8 => LoginCheckText.ScriptError_NotUtf8,
            LoginScriptErrorKind.LineTooLong => Format(LoginCheckText.ScriptError_LineTooLong, LoginScript.MaxLineLength),
            LoginScriptErrorKind.ControlCharacter => LoginCheckText.ScriptError_ControlCharacter,
            LoginScriptErrorKind.UnknownDirective => Format(LoginCheckText.ScriptError_UnknownDirective, Cut(error.Detail)),
            LoginScriptErrorKind.MissingArgument => Format(LoginCheckText.ScriptError_MissingArgument, error.Detail),
            LoginScriptErrorKind.BadLineEnding => Format(LoginCheckText.ScriptError_BadLineEnding, Cut(error.Detail)),
            LoginScriptErrorKind.UnknownPlaceholder => Format(LoginCheckText.ScriptError_UnknownPlaceholder, Cut(error.Detail)),
            LoginScriptErrorKind.BadRegex => Format(LoginCheckText.ScriptError_BadRegex, error.Detail, error.Position + 1),
            LoginScriptErrorKind.TooManySteps => Format(LoginCheckText.ScriptError_TooManySteps, LoginScript.MaxSteps),
            LoginScriptErrorKind.Empty => LoginCheckText.ScriptError_Empty,
            LoginScriptErrorKind.NoUser => LoginCheckText.ScriptError_NoUser,
            LoginScriptErrorKind.NoPassword => LoginCheckText.ScriptError_NoPassword,
            LoginScriptErrorKind.NoSuccessReply => LoginCheckText.ScriptError_NoSuccessReply,
            LoginScriptErrorKind.MissingValue when error.Detail == "user" => LoginCheckText.ScriptError_MissingUser,
            LoginScriptErrorKind.MissingValue => LoginCheckText.ScriptError_MissingPassword,
            LoginScriptErrorKind.BadValue when error.Detail == "user" => LoginCheckText.ScriptError_BadUser,
            _ => LoginCheckText.ScriptError_BadPassword,
        };
        return error.Line > 0
            ? Format(LoginCheckText.ScriptError_Line, source, error.Line, what)
            : Format(LoginCheckText.ScriptError_File, source, what);
    }

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    /// <summary>A word quoted from the user's file, escaped and cut as any quoted text.</summary>
    private static string Cut(string text) => LoginPreview.Of(System.Text.Encoding.UTF8.GetBytes(text));
}
