namespace NetProg.Protocols.Checking;

/// <summary>What one step of a login transcript does.</summary>
public enum LoginScriptStepKind
{
    /// <summary><c>&gt; text</c>: send the text and the script's line end.</summary>
    Send,

    /// <summary><c>&lt; regex</c>: wait for a reply line that matches the regex (lines before it that do not match are passed over).</summary>
    Expect,
}
