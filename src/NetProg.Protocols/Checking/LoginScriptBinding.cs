namespace NetProg.Protocols.Checking;

/// <summary>The outcome of <see cref="LoginScript.Bind"/>: exactly one of the bound script and an error.</summary>
public sealed record LoginScriptBinding(BoundLoginScript? Script, LoginScriptError? Error);
