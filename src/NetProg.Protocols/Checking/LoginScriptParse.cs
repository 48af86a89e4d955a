namespace NetProg.Protocols.Checking;

/// <summary>The outcome of <see cref="LoginScriptParser.Parse(ReadOnlySpan{byte})"/>: exactly one of a script and an error.</summary>
public sealed record LoginScriptParse(LoginScript? Script, LoginScriptError? Error)
{
    public static LoginScriptParse Of(LoginScript script) => new(script, null);

    public static LoginScriptParse Failed(LoginScriptErrorKind kind, int line, string detail = "") => new(null, new LoginScriptError(kind, line, detail));
}
