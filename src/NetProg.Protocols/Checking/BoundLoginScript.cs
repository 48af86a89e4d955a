namespace NetProg.Protocols.Checking;

/// <summary>A login transcript with the user name and password filled in, ready to replay.</summary>
public sealed class BoundLoginScript
{
    internal BoundLoginScript(LoginScript script, IReadOnlyList<BoundLoginStep> steps, byte[] echo)
    {
        Script = script;
        Steps = steps;
        Echo = echo;
    }

    public LoginScript Script { get; }

    public IReadOnlyList<BoundLoginStep> Steps { get; }

    /// <summary>The echo line and its line end.</summary>
    public byte[] Echo { get; }
}
