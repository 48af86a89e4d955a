namespace NetProg.Protocols.Checking;

/// <summary>
/// One step of a login transcript as written: the text to send or the regex to expect, still holding its
/// <c>${user}</c> and <c>${password}</c> placeholders, and the script line it came from (1-based) for messages.
/// </summary>
public sealed record LoginScriptStep(LoginScriptStepKind Kind, string Text, int Line)
{
    /// <summary>True when the text holds <c>${user}</c>.</summary>
    public bool UsesUser => Text.Contains(LoginScript.UserPlaceholder, StringComparison.Ordinal);

    /// <summary>True when the text holds <c>${password}</c>.</summary>
    public bool UsesPassword => Text.Contains(LoginScript.PasswordPlaceholder, StringComparison.Ordinal);
}
