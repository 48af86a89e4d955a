using System.Text.RegularExpressions;

namespace NetProg.Protocols.Checking;

/// <summary>One step with its values filled in: the bytes to send (line end included), or the compiled regex to expect.</summary>
public sealed class BoundLoginStep
{
    private BoundLoginStep(LoginScriptStep source, byte[]? bytes, Regex? regex)
    {
        Source = source;
        Bytes = bytes ?? [];
        Regex = regex;
    }

    /// <summary>The step as written, placeholders unreplaced: what a message may show (never the password).</summary>
    public LoginScriptStep Source { get; }

    public LoginScriptStepKind Kind => Source.Kind;

    /// <summary>For a send: the line and its line end; empty for an expect.</summary>
    public byte[] Bytes { get; }

    /// <summary>For an expect: the regex; null for a send.</summary>
    public Regex? Regex { get; }

    internal static BoundLoginStep Send(LoginScriptStep source, byte[] bytes) => new(source, bytes, null);

    internal static BoundLoginStep Expect(LoginScriptStep source, Regex regex) => new(source, null, regex);
}
