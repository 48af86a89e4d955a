namespace NetProg.Protocols.Checking;

/// <summary>
/// Why a transcript cannot be used: the kind, the script line (1-based; 0 for the whole file), a detail to quote, and for
/// a bad regex the position in the pattern where .NET's parser stopped (else -1).
/// </summary>
public sealed record LoginScriptError(LoginScriptErrorKind Kind, int Line, string Detail = "", int Position = -1);
